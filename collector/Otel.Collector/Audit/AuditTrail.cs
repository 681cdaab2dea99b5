using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Audit;

/// <summary>
/// Accepts audit entries on any collector: each becomes an <c>ml_audit_pending</c> row written through the spool (the
/// one writer), so it is durable once accepted even when another collector holds the sequencer's lease. On the holder
/// the sequencer is woken at once; elsewhere the holder finds the row on its next pass.
/// </summary>
internal sealed partial class AuditTrail(ExportPipeline pipeline, string acceptedBy, TimeProvider time, JobWakeups wakeups) : IAuditTrail
{
    private const int MaxActorLength = 256;
    private const int MaxTargetLength = 1024;

    /// <summary>A moment for entries recorded together to be numbered together.</summary>
    private static readonly TimeSpan WakeDelay = TimeSpan.FromMilliseconds(50);

    public async Task<string> RecordAsync(string actor, string action, string target, JsonObject? details, CancellationToken cancellationToken)
    {
        Validate(actor, action, target);
        var entryId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var batch = new RowBatch();
        AuditRows.WritePending(batch, entryId, time.GetUtcNow().ToUnixTimeMilliseconds(), actor, action, target,
            details?.ToJsonString() ?? "{}", acceptedBy);
        await pipeline.WriteAsync(AuditSequencerJob.JobName, batch, cancellationToken);
        wakeups.Request(AuditSequencerJob.JobName, WakeDelay);
        return entryId;
    }

    private static void Validate(string actor, string action, string target)
    {
        if (string.IsNullOrWhiteSpace(actor) || actor.Length > MaxActorLength)
        {
            throw new ArgumentException($"an audit actor must be 1 to {MaxActorLength} characters (a key name, an OS user, or system:NAME)", nameof(actor));
        }

        if (!ValidAction().IsMatch(action ?? string.Empty))
        {
            throw new ArgumentException($"'{action}' is not an audit action: use noun.verb in lowercase letters, digits, '.', '_' or '-' (see AuditActions)", nameof(action));
        }

        if (string.IsNullOrWhiteSpace(target) || target.Length > MaxTargetLength)
        {
            throw new ArgumentException($"an audit target must be 1 to {MaxTargetLength} characters, as kind:name", nameof(target));
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidAction();
}
