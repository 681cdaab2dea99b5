using System.Text.Json;
using System.Text.Json.Nodes;
using Otel.Collector.Audit;
using Otel.Tracking.Query;

namespace Otel.Collector.Production.Slo;

/// <summary>
/// Applies the SLOs of a valid file: each one whose definition is new or differs from the stored one is audited
/// (<c>slo.apply</c>) and stored, replacing the SLO of the same name; unchanged ones are left as they are, so
/// re-applying a file (or restarting <c>serve --slos</c>) records nothing.
/// </summary>
internal sealed class SloApplier(SloStore store, IAuditTrail audit, TimeProvider time)
{
    public async Task<SloApplyResult> ApplyAsync(SloFile file, string actor, string source, CancellationToken ct)
    {
        if (!file.IsValid)
        {
            throw new ArgumentException("only a valid SLO file can be applied", nameof(file));
        }

        var stored = (await store.ListAsync(ct)).ToDictionary(s => s.Definition.Name, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var writes = new List<(StoredSlo, string)>();
        var applied = new List<SloRecord>();
        foreach (var definition in file.Slos)
        {
            var previous = stored.GetValueOrDefault(definition.Name);
            if (previous?.Definition == definition)
            {
                applied.Add(previous.ToRecord());
                continue;
            }

            var slo = new StoredSlo(definition, source, actor, now);
            var entryId = await audit.RecordAsync(actor, AuditActions.SloApply, "slo:" + definition.Name, new JsonObject
            {
                ["definition"] = JsonSerializer.SerializeToNode(definition),
                ["source"] = source,
                ["previous"] = previous is null ? null : JsonSerializer.SerializeToNode(previous.Definition),
            }, ct);
            writes.Add((slo, entryId));
            applied.Add(slo.ToRecord());
        }

        if (writes.Count > 0)
        {
            await store.WriteAsync(writes, ct);
        }

        return new SloApplyResult(applied, [.. writes.Select(w => w.Item1.Definition.Name)], file.Warnings);
    }
}
