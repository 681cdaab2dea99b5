using System.Text.Json;
using System.Text.Json.Nodes;
using Otel.Collector.Audit;

namespace Otel.Collector.Production.Slo;

/// <summary>
/// Deletes an SLO (<c>DELETE /api/slos/NAME</c>): audited (<c>slo.delete</c>, with the definition it removes) like an
/// apply, then stored. Its status rows stay in <c>ml_slo_status</c>; the SLO job stops writing new ones.
/// </summary>
internal sealed class SloDeleter(SloStore store, IAuditTrail audit, TimeProvider time)
{
    /// <summary>The deleted SLO, or null when no SLO has that name.</summary>
    public async Task<StoredSlo?> DeleteAsync(string name, string actor, CancellationToken ct)
    {
        var stored = (await store.ListAsync(ct)).FirstOrDefault(s => s.Definition.Name == name);
        if (stored is null)
        {
            return null;
        }

        var entryId = await audit.RecordAsync(actor, AuditActions.SloDelete, "slo:" + name, new JsonObject
        {
            ["previous"] = JsonSerializer.SerializeToNode(stored.Definition),
            ["source"] = stored.Source,
        }, ct);
        await store.DeleteAsync(name, actor, time.GetUtcNow(), entryId, ct);
        return stored;
    }
}
