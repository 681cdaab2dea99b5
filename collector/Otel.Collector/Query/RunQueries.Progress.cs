using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Tracking.Query;

namespace Otel.Collector.Query;

internal sealed partial class RunQueries
{
    /// <summary>
    /// A run's progress for a live view, or null when the id is unknown: three queries, all by the tables' leading key
    /// (ml_runs by RunId, ml_metric_rollup by RunId and Key, ml_metrics by RunId, Key and Step), so a poll reads one
    /// row per run, one per 1,024 steps of each metric and each metric's last point, however long the history.
    /// </summary>
    public async Task<RunProgress?> GetProgressAsync(string runId, CancellationToken cancellationToken)
    {
        const string runSql = """
            SELECT Status, StatusMessage, toUnixTimestamp64Nano(StartTime) AS StartNs, toUnixTimestamp64Nano(EndTime) AS EndNs, TotalSteps
            FROM ml_runs FINAL WHERE RunId = {id:String}
            """;
        var id = new QueryParameters().Add("id", runId);
        var row = (await RowsAsync(runSql, id, cancellationToken)).FirstOrDefault();
        if (row.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }

        const string metricsSql = """
            SELECT Key, argMaxMerge(Last) AS Latest, min(MinValue) AS Min, max(MaxValue) AS Max, sum(Rows) AS Points,
                   min(FirstStep) AS FirstStep, max(LastStep) AS LastStep, toUnixTimestamp64Nano(max(LastTime)) AS LastNs
            FROM ml_metric_rollup WHERE RunId = {id:String} GROUP BY Key
            SETTINGS output_format_json_quote_denormals = 1
            """;
        // Where each key's points come from: its last point says (event: steps are the run's; otel_metric: unix seconds).
        const string sourcesSql = """
            SELECT Key, any(Source) AS Source FROM ml_metrics
            WHERE RunId = {id:String}
              AND (Key, Step) IN (SELECT Key, max(LastStep) FROM ml_metric_rollup WHERE RunId = {id:String} GROUP BY Key)
            GROUP BY Key
            """;
        var sources = (await RowsAsync(sourcesSql, id, cancellationToken)).ToDictionary(r => r.String("Key"), r => r.String("Source"), StringComparer.Ordinal);
        var metrics = (await RowsAsync(metricsSql, id, cancellationToken)).ToDictionary(
            r => r.String("Key"),
            r => new MetricProgress(r.Double("Latest"), r.Double("Min"), r.Double("Max"), r.Int64("Points"), r.Int64("FirstStep"), r.Int64("LastStep"),
                r.Time("LastNs"), sources.GetValueOrDefault(r.String("Key"), MetricProgress.EventSource)),
            StringComparer.Ordinal);
        return new RunProgress
        {
            Id = runId,
            Status = row.String("Status"),
            StatusMessage = row.String("StatusMessage") is { Length: > 0 } message ? message : null,
            StartTime = row.Time("StartNs"),
            EndTime = row.NullableTime("EndNs"),
            TotalSteps = row.NullableInt64("TotalSteps"),
            Metrics = metrics,
        };
    }
}
