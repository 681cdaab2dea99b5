using System.Globalization;
using System.Text.Json.Nodes;
using Otel.Collector.Audit;
using Otel.Collector.Sinks.Rows;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry;

/// <summary>
/// Moves and deletes aliases, inside a <see cref="RegistryWriter"/> change: checks the target, records the audit entry,
/// then writes the <c>ml_model_alias_moves</c> row that keeps the entry's id. Gates are not checked here: the plain
/// set and delete refuse a gated alias (<see cref="RefuseIfGatedAsync"/>), promotion moves it after its gates.
/// </summary>
internal sealed class AliasMoves(RegistryQueries queries, IAuditTrail audit)
{
    /// <summary>Reasons a move is recorded with.</summary>
    public const string Set = "set";
    public const string Delete = "delete";
    public const string Promote = "promote";
    public const string Force = "force";

    /// <summary>
    /// Points <paramref name="alias"/> at <paramref name="version"/> (0 deletes it) and returns the move. Setting an
    /// alias to the version it already points at writes nothing and returns its newest move. <paramref name="details"/>
    /// go into the audit entry (a promotion's verdicts…), with the move's own fields added.
    /// </summary>
    /// <exception cref="RegistryRefusal">Bad alias (400); unknown version or, on delete, unset alias (404); archived target (409).</exception>
    public async Task<ModelAliasMove> MoveAsync(
        RegistryWriteContext context, string actor, string name, string alias, long version, string reason, JsonObject? details, CancellationToken cancellationToken)
    {
        ModelNames.CheckAlias(alias);
        if (version < 0)
        {
            throw RegistryRefusal.BadInput($"version {version} is not a version number: versions are numbered from 1");
        }

        if (version > 0)
        {
            var target = await queries.GetVersionAsync(name, version, cancellationToken)
                ?? throw RegistryRefusal.NotFound($"model '{name}' has no version {version}: list its versions with `otel-track models show {name}`");
            if (target.Version.Archived)
            {
                throw RegistryRefusal.Conflict($"version {version} of '{name}' is archived and cannot be an alias target: unarchive it first, or choose another version");
            }
        }

        var last = await queries.LastMoveAsync(name, alias, cancellationToken);
        var previous = last?.Version ?? 0;
        if (version == 0 && previous == 0)
        {
            throw RegistryRefusal.NotFound($"model '{name}' has no alias '{alias}': its aliases are listed by `otel-track models show {name}`");
        }

        if (last is not null && version == previous)
        {
            return last;
        }

        var movedAt = context.After(last?.MovedAt);
        var entry = details is null ? [] : (JsonObject)details.DeepClone();
        entry["version"] = version;
        entry["previousVersion"] = previous;
        entry["reason"] = reason;
        entry["movedAt"] = movedAt.ToString("O", CultureInfo.InvariantCulture);
        var auditId = await audit.RecordAsync(actor, version == 0 ? AuditActions.AliasDelete : AuditActions.AliasMove, $"model:{name}@{alias}", entry, cancellationToken);
        var move = new ModelAliasMove(alias, version, previous, movedAt, actor, reason, auditId);
        var batch = new RowBatch();
        RegistryRows.WriteAliasMove(batch, name, move);
        await context.WriteAsync(batch, cancellationToken);
        return move;
    }

    /// <summary>Refuses (409) a plain move of an alias that has a gate: only promotion, through the gates, may move it.</summary>
    public async Task RefuseIfGatedAsync(string name, string alias, CancellationToken cancellationToken)
    {
        if (await queries.IsGatedAsync(name, alias, cancellationToken))
        {
            throw RegistryRefusal.Conflict(
                $"alias '{alias}' of '{name}' is protected by a gate: move it with `otel-track models promote {name} VERSION --to {alias}`, which checks the gate");
        }
    }
}
