using System.Globalization;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;
using Otel.Grafana.Tests.Harness;
using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>
/// The collector dashboard reads the collector's cumulative counters as rates that survive restarts and several
/// instances, and its M10 and M11 panels count what the seeds define.
/// </summary>
public sealed class CollectorDashboardTests(GrafanaScenarios scenarios)
{
    private const string File = "collector.json";
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();
    private static readonly DateTimeOffset Start = new DateTimeOffset(Now.Year, Now.Month, Now.Day, Now.Hour, Now.Minute, 0, TimeSpan.Zero) - TimeSpan.FromHours(1);
    private static readonly GrafanaTimeRange Range = new(Start, Now);

    [Fact]
    public async Task ItemsAccepted_CumulativeAcrossRestartAndInstances_CountsEachIncreaseOnce()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(CollectorDashboardTests), TestContext.Current.CancellationToken);
        var before = Start - TimeSpan.FromHours(1);
        var restart = Start + TimeSpan.FromMinutes(2);
        await InsertSumsAsync(store, "otel_track.ingest.items.accepted",
            // Instance a started before the range: its first point is the reference (adds nothing), then +60, a restart
            // (new start time: its whole 30 counts), then +20.
            ("a", "map('signal', 'traces')", before, Start + TimeSpan.FromSeconds(5), 100, 2),
            ("a", "map('signal', 'traces')", before, Start + TimeSpan.FromSeconds(65), 160, 2),
            ("a", "map('signal', 'traces')", restart, Start + TimeSpan.FromSeconds(125), 30, 2),
            ("a", "map('signal', 'traces')", restart, Start + TimeSpan.FromSeconds(185), 50, 2),
            // Instance b started inside the range: all of its first value is new.
            ("b", "map('signal', 'traces')", Start + TimeSpan.FromSeconds(30), Start + TimeSpan.FromSeconds(70), 40, 2),
            // A delta series: each point is its own increase.
            ("c", "map('signal', 'logs')", Start, Start + TimeSpan.FromSeconds(60), 7, 1),
            ("c", "map('signal', 'logs')", Start + TimeSpan.FromSeconds(60), Start + TimeSpan.FromSeconds(120), 3, 1));

        var rows = await PanelQueries.RunAsync(store, File, "Items accepted per second", Range);

        // Per second over one-minute intervals: the items are the values times 60.
        var items = rows.GroupBy(r => r.String("signal")).ToDictionary(g => g.Key, g => g.Sum(r => r.GetProperty("value").GetDouble()) * 60);
        Assert.Equal(150, items["traces"], 6);
        Assert.Equal(10, items["logs"], 6);
    }

    [Fact]
    public async Task DeniedRequests_M10_CountsDenialsInTheRangeByReason()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(CollectorDashboardTests), TestContext.Current.CancellationToken);
        var before = Start - TimeSpan.FromHours(1);
        await InsertSumsAsync(store, "otel_track.requests.denied",
            ("a", "map('reason', 'unknown', 'transport', 'http')", before, Start + TimeSpan.FromSeconds(5), 3, 2),
            ("a", "map('reason', 'unknown', 'transport', 'http')", before, Start + TimeSpan.FromSeconds(65), 8, 2),
            ("a", "map('reason', 'unknown', 'transport', 'http')", before, Start + TimeSpan.FromSeconds(125), 15, 2),
            ("a", "map('reason', 'scope', 'transport', 'grpc')", before, Start + TimeSpan.FromSeconds(5), 1, 2),
            ("a", "map('reason', 'scope', 'transport', 'grpc')", before, Start + TimeSpan.FromSeconds(65), 1, 2));

        var rows = await PanelQueries.RunAsync(store, File, "Denied requests (M10)", Range);

        var denied = rows.GroupBy(r => r.String("reason")).ToDictionary(g => g.Key, g => g.Sum(r => r.GetProperty("value").GetDouble()));
        Assert.Equal(12, denied["unknown/http"], 6);
        Assert.Equal(0, denied.GetValueOrDefault("scope/grpc"), 6);
    }

    [Fact]
    public async Task DuplicateRuns_M11_IsTheShareOfRunsRepeatingALogicalRun()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(CollectorDashboardTests), TestContext.Current.CancellationToken);
        // Three CI attempts of one logical run (same experiment, name, commit and pipeline run), and two other runs.
        var runs = new List<string>();
        void Run(string id, string name, string commit, string pipelineRun, int minute) => runs.Add(
            $"('{id}', 'exp', '{name}', 'FINISHED', toDateTime64('{Text(Start + TimeSpan.FromMinutes(minute))}', 9, 'UTC'), " +
            $"map('vcs.ref.head.revision', '{commit}', 'cicd.pipeline.run.id', '{pipelineRun}'), now64(3), 1)");
        Run("r1", "train", "abc", "42", 1);
        Run("r2", "train", "abc", "42", 2);
        Run("r3", "train", "abc", "42", 3);
        Run("r4", "train", "abc", "43", 4);
        Run("r5", "train", "", "", 5);
        await ExecuteAsync(store, "INSERT INTO ml_runs (RunId, Experiment, RunName, Status, StartTime, Provenance, ReceivedAt, Version) VALUES "
            + string.Join(", ", runs));

        var rows = await PanelQueries.RunAsync(store, File, "Duplicate runs fraction (M11)", Range);

        // The stat shows the last point: the fraction over the whole range, 2 repeats of 5 runs.
        Assert.Equal(0.4, rows[^1].GetProperty("value").GetDouble(), 6);
    }

    [Theory]
    [InlineData("Denied requests (M10)")]
    [InlineData("Refusals by reason")]
    [InlineData("Insert failures, retries and dead letters")]
    public async Task TroubleSeries_FailingShowsThemAndHealthyDoesNot(string title)
    {
        var failing = (await PanelQueries.RunAsync(scenarios, Scenario.Failing, File, title)).Rows;
        var healthy = (await PanelQueries.RunAsync(scenarios, Scenario.Healthy, File, title)).Rows;

        Assert.True(failing.Sum(r => QueryResult.Number(r["value"])) > 0);
        Assert.Equal(0, healthy.Sum(r => QueryResult.Number(r["value"])));
    }

    [Fact]
    public async Task DuplicateRuns_M11_FailingHasDuplicatesAndHealthyNone()
    {
        var failing = (await PanelQueries.RunAsync(scenarios, Scenario.Failing, File, "Duplicate runs fraction (M11)")).Rows;
        var healthy = (await PanelQueries.RunAsync(scenarios, Scenario.Healthy, File, "Duplicate runs fraction (M11)")).Rows;

        Assert.True(QueryResult.Number(failing[^1]["value"]) > 0.01);
        Assert.Equal(0, QueryResult.Number(healthy[^1]["value"]));
    }

    private static async Task InsertSumsAsync(
        IClickHouseStore store, string metric, params (string Instance, string Attributes, DateTimeOffset StartTime, DateTimeOffset Time, double Value, int Temporality)[] points)
    {
        var values = points.Select(p =>
            $"(map('service.instance.id', '{p.Instance}'), 'otel-track-collector', '{metric}', {p.Attributes}, " +
            $"toDateTime64('{Text(p.StartTime)}', 9, 'UTC'), toDateTime64('{Text(p.Time)}', 9, 'UTC'), " +
            $"{p.Value.ToString(CultureInfo.InvariantCulture)}, {p.Temporality}, true)");
        await ExecuteAsync(store,
            "INSERT INTO otel_metrics_sum (ResourceAttributes, ServiceName, MetricName, Attributes, StartTimeUnix, TimeUnix, Value, AggregationTemporality, IsMonotonic) VALUES "
            + string.Join(", ", values));
    }

    private static Task ExecuteAsync(IClickHouseStore store, string sql) => store.ExecuteAsync(sql).WaitAsync(TestTimeouts.Default);

    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
