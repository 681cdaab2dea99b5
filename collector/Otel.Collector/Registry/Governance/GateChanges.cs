using System.Text.Json.Nodes;
using Otel.Collector.Audit;
using Otel.Collector.Sinks.Rows;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry.Governance;

/// <summary>Sets and removes the gate of an alias, through the <see cref="RegistryWriter"/>, each change audited.</summary>
internal sealed class GateChanges(RegistryWriter writer, RegistryQueries registry, GovernanceQueries governance, IAuditTrail audit)
{
    /// <summary>Replaces the alias's gate with <paramref name="request"/>.</summary>
    /// <exception cref="RegistryRefusal">Bad alias (400), unknown model (404), invalid conditions (422, every one named).</exception>
    public Task<GateDefinitionRecord> SetAsync(string actor, string name, string alias, GateRequest request, CancellationToken cancellationToken)
    {
        ModelNames.CheckAlias(alias);
        var (gate, errors) = GateDefinition.Parse(name, alias, request.MinApprovals, request.MinCompleteness, request.RequireCleanTree ?? false,
            request.RequiredDatasets, request.Metrics);
        if (gate is null)
        {
            throw RegistryRefusal.Unprocessable("the gate is not valid: " + string.Join("; ", errors));
        }

        return writer.WriteAsync(async (context, ct) =>
        {
            await GovernanceChecks.RequireModelAsync(registry, name, ct);
            var last = await governance.LastGateAsync(name, alias, ct);
            var record = new GateDefinitionRecord
            {
                Alias = alias,
                MinApprovals = gate.MinApprovals,
                MinCompleteness = gate.MinCompleteness,
                RequireCleanTree = gate.RequireCleanTree,
                RequiredDatasets = [.. gate.RequiredDatasets],
                Metrics = [.. gate.MetricConditions.Select(c => c.ToString())],
                UpdatedBy = actor,
                UpdatedAt = context.After(last?.Gate.UpdatedAt),
            };
            var details = new JsonObject
            {
                ["minApprovals"] = record.MinApprovals,
                ["minCompleteness"] = record.MinCompleteness,
                ["requireCleanTree"] = record.RequireCleanTree,
                ["requiredDatasets"] = new JsonArray([.. record.RequiredDatasets.Select(d => JsonValue.Create(d))]),
                ["metrics"] = new JsonArray([.. record.Metrics.Select(m => JsonValue.Create(m))]),
            };
            await audit.RecordAsync(actor, AuditActions.GateSet, $"model:{name}@{alias}", details, ct);
            var batch = new RowBatch();
            GovernanceRows.WriteGate(batch, name, record, deleted: false);
            await context.WriteAsync(batch, ct);
            return record;
        }, cancellationToken);
    }

    /// <summary>Removes the alias's gate: from now on it moves like any alias.</summary>
    /// <exception cref="RegistryRefusal">Bad alias (400), unknown model, or an alias without a gate (404).</exception>
    public Task<GateDefinitionRecord> DeleteAsync(string actor, string name, string alias, CancellationToken cancellationToken)
    {
        ModelNames.CheckAlias(alias);
        return writer.WriteAsync(async (context, ct) =>
        {
            await GovernanceChecks.RequireModelAsync(registry, name, ct);
            if (await governance.LastGateAsync(name, alias, ct) is not { Deleted: false } last)
            {
                throw RegistryRefusal.NotFound($"alias '{alias}' of '{name}' has no gate: the gates are listed by `otel-track models show {name}`");
            }

            var record = last.Gate with { UpdatedBy = actor, UpdatedAt = context.After(last.Gate.UpdatedAt) };
            await audit.RecordAsync(actor, AuditActions.GateDelete, $"model:{name}@{alias}", null, ct);
            var batch = new RowBatch();
            GovernanceRows.WriteGate(batch, name, record, deleted: true);
            await context.WriteAsync(batch, ct);
            return record;
        }, cancellationToken);
    }
}
