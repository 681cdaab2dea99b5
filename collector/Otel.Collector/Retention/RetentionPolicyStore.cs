using Otel.Collector.ClickHouse;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Query;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Retention;

/// <summary>Policies in <c>ml_retention_policies</c>: the newest row per experiment wins; written through the spool.</summary>
internal sealed class RetentionPolicyStore(IClickHouseStore store, ExportPipeline pipeline)
{
    private const string PoliciesSql = """
        SELECT Experiment, argMax(PointsDays, UpdatedAt) AS PointsDays, argMax(RawDays, UpdatedAt) AS RawDays,
               argMax(ArtifactDays, UpdatedAt) AS ArtifactDays, argMax(UpdatedBy, UpdatedAt) AS UpdatedBy,
               toUnixTimestamp64Nano(max(UpdatedAt)) AS UpdatedNs
        FROM ml_retention_policies
        WHERE {experiment:String} = '' OR Experiment = {experiment:String}
        GROUP BY Experiment ORDER BY Experiment
        """;

    /// <summary>Every policy, or the one of <paramref name="experiment"/>.</summary>
    public async Task<IReadOnlyList<RetentionPolicy>> ListAsync(string? experiment, CancellationToken ct) =>
        JsonRows.Parse(await store.QueryAsync(PoliciesSql, "JSONEachRow", new QueryParameters().Add("experiment", experiment ?? string.Empty), ct))
            .Select(r => new RetentionPolicy(r.String("Experiment"), Days(r.NullableInt64("PointsDays")), Days(r.NullableInt64("RawDays")),
                Days(r.NullableInt64("ArtifactDays")), r.String("UpdatedBy"), r.Time("UpdatedNs")))
            .ToList();

    public async Task WriteAsync(RetentionPolicy policy, string auditEntryId, CancellationToken ct)
    {
        var batch = new RowBatch();
        var rows = batch.For(StorageTable.MlRetentionPolicies);
        var json = rows.BeginRow();
        json.WriteString("Experiment", policy.Experiment);
        WriteDays(json, "PointsDays", policy.PointsDays);
        WriteDays(json, "RawDays", policy.RawDays);
        WriteDays(json, "ArtifactDays", policy.ArtifactDays);
        json.WriteString("UpdatedBy", policy.UpdatedBy);
        json.WriteNumber("UpdatedAt", policy.UpdatedAt.ToUnixTimeMilliseconds());
        json.WriteString("AuditEntryId", auditEntryId);
        rows.EndRow();
        await pipeline.WriteAsync("retention-policies", batch, ct);
    }

    private static void WriteDays(System.Text.Json.Utf8JsonWriter json, string column, int? days)
    {
        if (days is { } value)
        {
            json.WriteNumber(column, value);
        }
        else
        {
            json.WriteNull(column);
        }
    }

    private static int? Days(long? days) => days is { } value ? (int)value : null;
}
