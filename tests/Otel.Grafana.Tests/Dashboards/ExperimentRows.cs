using Otel.Collector.ClickHouse;
using Otel.Collector.Tests.Infrastructure;
using Otel.Grafana.Tests.Harness;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>
/// Experiment rows written straight into a test's own database, in the tables' own shape, for checks of what one
/// panel makes of them (the materialized views fill ml_metric_summary and ml_metric_rollup from the points).
/// </summary>
internal static class ExperimentRows
{
    /// <summary>A dashboard time range that holds every row written here (they are minutes to hours old).</summary>
    public static GrafanaTimeRange LastMonth => GrafanaTimeRange.Last(TimeSpan.FromDays(30), TimeProvider.System.GetUtcNow());

    public static Task RunAsync(IClickHouseStore store, string runId, string experiment, string name, string status,
        string provenance = "map()", int startedMinutesAgo = 60, string traceId = "") =>
        ExecuteAsync(store, $"""
            INSERT INTO ml_runs (RunId, Experiment, RunName, ParentRunId, Status, StatusMessage, StartTime, EndTime, ServiceName,
                                 TraceId, Provenance, ReceivedAt, Version)
            VALUES ('{runId}', '{experiment}', '{name}', '', '{status}', '', now64(9) - {startedMinutesAgo * 60},
                    now64(9) - {startedMinutesAgo * 60 - 30}, 'trainer', '{traceId}', {provenance}, now64(3), 1)
            """);

    /// <summary>Points at steps 1, 2, 3… with the given values.</summary>
    public static Task PointsAsync(IClickHouseStore store, string runId, string key, params double[] values) =>
        ExecuteAsync(store, $"""
            INSERT INTO ml_metrics (RunId, Experiment, Key, Step, Value, Timestamp, Source)
            SELECT '{runId}', 'exp', '{key}', number + 1, [{string.Join(", ", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}][number + 1],
                   now64(9) - 600 + number, 'test'
            FROM numbers({values.Length})
            """);

    public static Task ParamAsync(IClickHouseStore store, string runId, string key, string value) =>
        ExecuteAsync(store, $"INSERT INTO ml_params VALUES ('{runId}', 'exp', '{key}', '{value}', 'string')");

    /// <summary>Deletes a run as `runs delete` records it (a lifecycle row: state deleted).</summary>
    public static Task DeleteAsync(IClickHouseStore store, string runId) =>
        ExecuteAsync(store, $"INSERT INTO ml_run_lifecycle VALUES ('{runId}', 'state', 'deleted', 'ana', now64(3), 1, '')");

    public static Task ExecuteAsync(IClickHouseStore store, string sql) => store.ExecuteAsync(sql).WaitAsync(TestTimeouts.Default);
}
