using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Query;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Production.Slo;

/// <summary>
/// SLO definitions in <c>ml_slo_definitions</c> (migration 0017): the newest row per name wins; written through the spool.
/// A deleted SLO's newest row has an empty definition, so that a later apply of the same name brings it back.
/// </summary>
internal sealed class SloStore(IClickHouseStore store, ExportPipeline pipeline)
{
    private const string LatestSql = """
        SELECT Name, argMax(Definition, UpdatedAt) AS Definition, argMax(Source, UpdatedAt) AS Source,
               argMax(UpdatedBy, UpdatedAt) AS UpdatedBy, toUnixTimestamp64Nano(max(UpdatedAt)) AS UpdatedNs
        FROM ml_slo_definitions
        GROUP BY Name HAVING Definition != '' ORDER BY Name
        """;

    /// <summary>Every SLO, by name.</summary>
    public async Task<IReadOnlyList<StoredSlo>> ListAsync(CancellationToken ct) =>
        JsonRows.Parse(await store.QueryAsync(LatestSql, "JSONEachRow", new QueryParameters(), ct))
            .Select(row => new StoredSlo(
                JsonSerializer.Deserialize<SloDefinition>(row.String("Definition"))
                    ?? throw new InvalidOperationException($"ml_slo_definitions holds no definition for SLO '{row.String("Name")}'"),
                row.String("Source"), row.String("UpdatedBy"), row.Time("UpdatedNs")))
            .ToList();

    public async Task WriteAsync(IReadOnlyList<(StoredSlo Slo, string AuditEntryId)> slos, CancellationToken ct)
    {
        var batch = new RowBatch();
        var rows = batch.For(StorageTable.MlSloDefinitions);
        foreach (var (slo, auditEntryId) in slos)
        {
            var json = rows.BeginRow();
            json.WriteString("Name", slo.Definition.Name);
            json.WriteString("Definition", JsonSerializer.Serialize(slo.Definition));
            json.WriteString("Source", slo.Source);
            json.WriteString("UpdatedBy", slo.UpdatedBy);
            json.WriteNumber("UpdatedAt", slo.UpdatedAt.ToUnixTimeMilliseconds());
            json.WriteString("AuditEntryId", auditEntryId);
            rows.EndRow();
        }

        await pipeline.WriteAsync("slo-definitions", batch, ct);
    }

    /// <summary>Writes the row that deletes SLO <paramref name="name"/> (an empty definition), kept with its audit entry.</summary>
    public async Task DeleteAsync(string name, string deletedBy, DateTimeOffset deletedAt, string auditEntryId, CancellationToken ct)
    {
        var batch = new RowBatch();
        var rows = batch.For(StorageTable.MlSloDefinitions);
        var json = rows.BeginRow();
        json.WriteString("Name", name);
        json.WriteString("Definition", string.Empty);
        json.WriteString("Source", "delete");
        json.WriteString("UpdatedBy", deletedBy);
        json.WriteNumber("UpdatedAt", deletedAt.ToUnixTimeMilliseconds());
        json.WriteString("AuditEntryId", auditEntryId);
        rows.EndRow();
        await pipeline.WriteAsync("slo-definitions", batch, ct);
    }
}
