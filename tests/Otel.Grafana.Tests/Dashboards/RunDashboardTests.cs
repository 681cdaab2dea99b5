using System.Text.Json;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;
using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Dashboards;

public sealed class RunDashboardTests(GrafanaScenarios scenarios)
{
    private const string Dashboard = "run.json";
    private const string Curve = "${key} by step";

    [Fact]
    public async Task Curve_LongSeries_IsDownsampledFromTheRollup_KeepingTheLastValueAndTheSpike()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(Curve_LongSeries_IsDownsampledFromTheRollup_KeepingTheLastValueAndTheSpike),
            TestContext.Current.CancellationToken);
        await ExperimentRows.RunAsync(store, "long", "exp", "long", "FINISHED");
        // 1,000,000 steps (977 rollup blocks): one spike of 100 at step 123,456, the last value 0.5 at step 999,999.
        await ExperimentRows.ExecuteAsync(store, """
            INSERT INTO ml_metrics (RunId, Experiment, Key, Step, Value, Timestamp, Source)
            SELECT 'long', 'exp', 'loss', number, multiIf(number = 123456, 100, number = 999999, 0.5, 1 / (1 + number / 1000)),
                   now64(9) - 3600 + number / 1000, 'test'
            FROM numbers(1000000)
            """);

        var rows = await PanelQueries.RunAsync(store, Dashboard, Curve, ExperimentRows.LastMonth, Variables("long", "loss"));

        Assert.InRange(rows.Count, 400, 501);
        Assert.Equal(999_999, rows[^1].Int64("step"));
        Assert.Equal(0.5, rows[^1].Double("value"));
        Assert.Equal(100, rows.Max(r => r.Double("max")));
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First.Int64("step") < p.Second.Int64("step")), "steps ascend");
    }

    [Fact]
    public async Task Curve_ShortSeries_ShowsEveryPoint()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(Curve_ShortSeries_ShowsEveryPoint), TestContext.Current.CancellationToken);
        await ExperimentRows.RunAsync(store, "short", "exp", "short", "FINISHED");
        await ExperimentRows.PointsAsync(store, "short", "loss", 0.9, 0.7, 0.8, 0.4);

        var rows = await PanelQueries.RunAsync(store, Dashboard, Curve, ExperimentRows.LastMonth, Variables("short", "loss"));

        Assert.Equal([1, 2, 3, 4], rows.Select(r => r.Int64("step")));
        Assert.Equal([0.9, 0.7, 0.8, 0.4], rows.Select(r => r.Double("value")));
    }

    [Fact]
    public async Task Artifacts_UploadLatency_IsTheArtifactSpansDuration()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(Artifacts_UploadLatency_IsTheArtifactSpansDuration), TestContext.Current.CancellationToken);
        const string trace = "0af7651916cd43dd8448eb211c80319c";
        await ExperimentRows.RunAsync(store, "r1", "exp", "one", "FINISHED", traceId: trace);
        await ExperimentRows.ExecuteAsync(store, """
            INSERT INTO ml_artifacts VALUES
                ('r1', 'exp', 'model.onnx', 'ab', 2048, 'otel-track://artifacts/sha256/ab', 'model', now64(9)),
                ('r1', 'exp', 'notes.txt', 'cd', 10, 'file:///tmp/notes.txt', 'report', now64(9))
            """);
        // The SDK's ml.artifact span runs from the log call to the bytes stored: 2.5 s here.
        await ExperimentRows.ExecuteAsync(store, $"""
            INSERT INTO otel_traces (Timestamp, TraceId, SpanId, ParentSpanId, SpanName, ServiceName, SpanAttributes, Duration,
                                     `Events.Timestamp`, `Events.Name`, `Events.Attributes`)
            VALUES (now64(9) - 60, '{trace}', 'b7ad6b7169203331', '', 'ml.artifact', 'trainer', map('ml.run.id', 'r1'), 2500000000,
                    [now64(9) - 58], ['ml.artifact'], [map('ml.artifact.path', 'model.onnx', 'ml.artifact.sha256', 'ab')])
            """);

        var rows = await PanelQueries.RunAsync(store, Dashboard, "Artifacts and upload latency (M2)", ExperimentRows.LastMonth, Variables("r1", "loss"));

        Assert.Equal(["model.onnx", "notes.txt"], rows.Select(r => r.String("path")));
        Assert.Equal(2.5, rows[0].Double("upload_latency"), 6);
        // No span recorded for it: no latency, rather than 0 s.
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("upload_latency").ValueKind);
    }

    [Fact]
    public async Task SeededRun_CurvesProvenanceAndTrace_ComeFromWhatTheCollectorStored()
    {
        var curve = await PanelQueries.RunAsync(scenarios, Scenario.Healthy, Dashboard, Curve);
        var trace = await PanelQueries.RunAsync(scenarios, Scenario.Healthy, Dashboard, "Run trace");
        var artifacts = await PanelQueries.RunAsync(scenarios, Scenario.Healthy, Dashboard, "Artifacts and upload latency (M2)");

        Assert.Equal(Enumerable.Range(1, TrainingSeed.Epochs).Select(e => (double)e), curve.Rows.Select(r => QueryResult.Number(r["step"])));
        Assert.Contains("ml.run", trace.Rows.Select(r => QueryResult.Text(r["operationName"])));
        var artifact = Assert.Single(artifacts.Rows);
        Assert.Equal("model.json", QueryResult.Text(artifact["path"]));
        // M2 shows data: the ml.artifact span the seeded run sent, as the SDK sends it.
        Assert.Equal(TrainingRuns.ArtifactUploadLatency.TotalSeconds, QueryResult.Number(artifact["upload_latency"]), 6);
    }

    private static Dictionary<string, IReadOnlyList<string>> Variables(string run, string key) => new()
    {
        ["run_id"] = [run],
        ["key"] = [key],
    };
}
