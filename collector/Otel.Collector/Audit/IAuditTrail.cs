using System.Text.Json.Nodes;

namespace Otel.Collector.Audit;

/// <summary>
/// Where every part of the collector records what must be answerable later (docs/audit.md). An entry is durable
/// (spooled) when <see cref="RecordAsync"/> returns, on any collector; the one sequencer numbers and chains it into
/// <c>ml_audit_log</c> within seconds.
/// </summary>
internal interface IAuditTrail
{
    /// <summary>
    /// Accepts an entry and returns its id (<c>entryId</c> in <c>audit list</c>), which a record of the fact can keep to
    /// point at the entry that backs it.
    /// </summary>
    /// <param name="actor">Who: <c>RequestActor</c> of the request, or a system actor such as <c>system:keys-file</c>.</param>
    /// <param name="action">What, as <c>noun.verb</c> (<see cref="AuditActions"/>): lowercase letters, digits, '.', '_', '-'.</param>
    /// <param name="target">On what, as <c>kind:name</c>, e.g. <c>key:ci-trainer</c>, <c>model:churn/3</c>.</param>
    /// <param name="details">Anything else worth keeping, stored as compact JSON text.</param>
    /// <param name="cancellationToken">Stops waiting for the spool; the entry may still have been accepted.</param>
    /// <exception cref="ArgumentException">An empty or malformed actor, action or target.</exception>
    /// <exception cref="InvalidOperationException">The spool did not accept the entry (full, shutting down): nothing was recorded.</exception>
    Task<string> RecordAsync(string actor, string action, string target, JsonObject? details, CancellationToken cancellationToken);
}
