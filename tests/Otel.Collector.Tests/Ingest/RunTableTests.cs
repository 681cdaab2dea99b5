using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Tracking.Query;
using Otel.Tracking;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Ingest;

/// <summary>Spans of ML runs fill the experiment tables: ml_runs, ml_params, ml_tags, ml_metrics, ml_metric_summary, ml_run_liveness.</summary>
public sealed class RunTableTests
{
    private const string MetricsSql = """
        SELECT Experiment, Key, Step, Value, toUnixTimestamp64Nano(Timestamp) AS Ns, Source
        FROM ml_metrics WHERE RunId = {id:String} ORDER BY Key, Step, Timestamp
        """;

    private const string SummarySql = """
        SELECT Experiment, Key, argMaxMerge(Latest) AS Latest, max(LastStep) AS LastStep, min(MinValue) AS Min,
               max(MaxValue) AS Max, any(c.Points) AS Count
        FROM ml_metric_summary AS s
        JOIN (SELECT Key, Points FROM ml_metric_counts WHERE RunId = {id:String}) AS c USING (Key)
        WHERE RunId = {id:String} GROUP BY Experiment, Key ORDER BY Key
        """;

    [Fact]
    public async Task RunStartThenEnd_WithParamsTagsAndMetrics_FillsEveryExperimentTable()
    {
        await using var harness = await IngestHarness.StartAsync("runs_all_tables");
        var resource = Resource(Attr("service.name", ServiceName), Attr("vcs.ref.head.revision", "4f1c2e9"), Attr("host.cores", 16));
        KeyValue[] runAttributes =
        [
            Attr(MlSemanticConventions.RunName, "first"),
            Attr(MlSemanticConventions.RunParentId, "sweep-1"),
            Attr("ml.param.learning_rate", 0.01),
            Attr("ml.param.epochs", 3),
            Attr("ml.param.optimizer", "adam"),
            Attr("ml.param.batch_norm", true),
            Attr("ml.param.model.layers.0", "dense"),
            Attr("ml.tag.owner", "alice"),
        ];
        var start = RunSpan(MlSemanticConventions.RunStartSpan, "run-1", attributes: [.. runAttributes]);
        start.EndTimeUnixNano = T0;
        var end = RunSpan(MlSemanticConventions.RunSpan, "run-1", attributes: [.. runAttributes]);
        end.TraceId = start.TraceId;
        end.EndTimeUnixNano = T0 + (90 * Second) + 7;
        end.Status = new Status { Code = Status.Types.StatusCode.Ok };
        end.Events.Add(MetricEvent("loss", 0.52, step: 1, time: T0 + (30 * Second)));
        end.Events.Add(MetricsEvent(T0 + (50 * Second), ["loss", "accuracy"], [0.31, 0.88], steps: [2, 2]));

        await harness.SendAcceptedAsync(TracesRequest(resource, start));
        await harness.SendAcceptedAsync(TracesRequest(resource, end));

        var run = await harness.SingleAsync("""
            SELECT Experiment, RunName, ParentRunId, Status, StatusMessage, toUnixTimestamp64Nano(StartTime) AS StartNs,
                   toUnixTimestamp64Nano(EndTime) AS EndNs, ServiceName, TraceId, Provenance, toUnixTimestamp64Milli(ReceivedAt) AS ReceivedMs
            FROM ml_runs FINAL WHERE RunId = 'run-1'
            """);
        Assert.Equal(Experiment, run.String("Experiment"));
        Assert.Equal("first", run.String("RunName"));
        Assert.Equal("sweep-1", run.String("ParentRunId"));
        Assert.Equal(MlSemanticConventions.Status.Finished, run.String("Status"));
        Assert.Equal(string.Empty, run.String("StatusMessage"));
        Assert.Equal((long)T0, run.Int64("StartNs"));
        Assert.Equal((long)(T0 + (90 * Second) + 7), run.Int64("EndNs"));
        Assert.Equal(ServiceName, run.String("ServiceName"));
        Assert.Equal(Hex(start.TraceId), run.String("TraceId"));
        Assert.Equal(IngestHarness.ReceivedAtNanos / 1_000_000, run.Int64("ReceivedMs"));
        var provenance = run.Map("Provenance");
        Assert.Equal(ServiceName, provenance["service.name"]);
        Assert.Equal("4f1c2e9", provenance["vcs.ref.head.revision"]);
        Assert.Equal("16", provenance["host.cores"]);

        var parameters = await harness.QueryAsync("SELECT Experiment, Key, Value, ValueType FROM ml_params FINAL WHERE RunId = 'run-1' ORDER BY Key");
        Assert.Equal(
            [
                (Experiment, "batch_norm", "true", "bool"),
                (Experiment, "epochs", "3", "int"),
                (Experiment, "learning_rate", "0.01", "double"),
                (Experiment, "model.layers.0", "dense", "string"),
                (Experiment, "optimizer", "adam", "string"),
            ],
            parameters.Select(p => (p.String("Experiment"), p.String("Key"), p.String("Value"), p.String("ValueType"))));

        var tag = await harness.SingleAsync("SELECT Key, Value, toUnixTimestamp64Nano(UpdatedAt) AS Ns FROM ml_tags FINAL WHERE RunId = 'run-1'");
        Assert.Equal(("owner", "alice"), (tag.String("Key"), tag.String("Value")));
        Assert.Equal((long)end.EndTimeUnixNano, tag.Int64("Ns"));

        var points = await harness.QueryAsync(MetricsSql, new QueryParameters().Add("id", "run-1"));
        Assert.Equal(
            [
                (Experiment, "accuracy", 2L, 0.88, (long)(T0 + (50 * Second)), "event"),
                (Experiment, "loss", 1L, 0.52, (long)(T0 + (30 * Second)), "event"),
                (Experiment, "loss", 2L, 0.31, (long)(T0 + (50 * Second)), "event"),
            ],
            points.Select(p => (p.String("Experiment"), p.String("Key"), p.Int64("Step"), p.Double("Value"), p.Int64("Ns"), p.String("Source"))));

        var liveness = await harness.SingleAsync("SELECT RunId, toUnixTimestamp64Nano(LastSeen) AS Ns FROM ml_run_liveness FINAL");
        Assert.Equal("run-1", liveness.String("RunId"));
        Assert.Equal(IngestHarness.ReceivedAtNanos, liveness.Int64("Ns"));
    }

    [Fact]
    public async Task RunStart_Alone_IsRunningWithoutEndTimeAndTagTimeIsStart()
    {
        await using var harness = await IngestHarness.StartAsync("runs_start_only");
        var start = RunSpan(MlSemanticConventions.RunStartSpan, "run-live", attributes: [Attr("ml.tag.phase", "warmup")]);
        start.StartTimeUnixNano = T0 + 11;
        start.EndTimeUnixNano = T0 + 22;

        await harness.SendAcceptedAsync(TracesRequest(start));

        var run = await harness.SingleAsync("SELECT Status, toUnixTimestamp64Nano(StartTime) AS StartNs, EndTime FROM ml_runs FINAL WHERE RunId = 'run-live'");
        Assert.Equal(MlSemanticConventions.Status.Running, run.String("Status"));
        Assert.Equal((long)T0 + 11, run.Int64("StartNs"));
        Assert.Null(run.NullableInt64("EndTime"));
        var tag = await harness.SingleAsync("SELECT Value, toUnixTimestamp64Nano(UpdatedAt) AS Ns FROM ml_tags FINAL WHERE RunId = 'run-live'");
        Assert.Equal("warmup", tag.String("Value"));
        Assert.Equal((long)T0 + 11, tag.Int64("Ns"));
    }

    [Fact]
    public async Task Heartbeat_OfRun_UpdatesLivenessOnly()
    {
        await using var harness = await IngestHarness.StartAsync("runs_heartbeat");

        await harness.SendAcceptedAsync(TracesRequest(RunSpan(MlSemanticConventions.RunHeartbeatSpan, "run-hb")));

        var liveness = await harness.SingleAsync("SELECT RunId, toUnixTimestamp64Nano(LastSeen) AS Ns FROM ml_run_liveness FINAL");
        Assert.Equal(("run-hb", IngestHarness.ReceivedAtNanos), (liveness.String("RunId"), liveness.Int64("Ns")));
        Assert.Equal(0, await harness.CountAsync("SELECT count() AS n FROM ml_runs"));
        Assert.Equal(0, await harness.CountAsync("SELECT count() AS n FROM ml_params"));
        Assert.Equal(1, await harness.CountAsync("SELECT count() AS n FROM otel_traces"));
    }

    [Fact]
    public async Task SingleMetricEvent_WithoutStep_StepZeroAtEventTime()
    {
        await using var harness = await IngestHarness.StartAsync("runs_single_no_step");
        var span = RunSpan(MlSemanticConventions.RunMetricsSpan, "run-s");
        span.Events.Add(MetricEvent("loss", 0.7, step: null, time: T0 + 42));

        await harness.SendAcceptedAsync(TracesRequest(span));

        var point = await harness.SingleAsync(MetricsSql, new QueryParameters().Add("id", "run-s"));
        Assert.Equal(("loss", 0L, 0.7, (long)T0 + 42, "event"), (point.String("Key"), point.Int64("Step"), point.Double("Value"), point.Int64("Ns"), point.String("Source")));
    }

    [Fact]
    public async Task MetricsEvent_WithStepsAndTimestamps_EveryPointStoredAtItsOwnTime()
    {
        await using var harness = await IngestHarness.StartAsync("runs_batch_full");
        var span = RunSpan(MlSemanticConventions.RunMetricsSpan, "run-b");
        span.Events.Add(MetricsEvent(
            T0 + 100,
            ["loss", "acc", "loss", "acc"],
            [0.9, 0.1, 0.8, 0.2],
            steps: [0, 0, 1, 1],
            timestamps: [(long)T0 + 1, (long)T0 + 2, (long)T0 + 3, (long)T0 + 4]));

        await harness.SendAcceptedAsync(TracesRequest(span));

        var points = await harness.QueryAsync(MetricsSql, new QueryParameters().Add("id", "run-b"));
        Assert.Equal(
            [("acc", 0L, 0.1, (long)T0 + 2), ("acc", 1L, 0.2, (long)T0 + 4), ("loss", 0L, 0.9, (long)T0 + 1), ("loss", 1L, 0.8, (long)T0 + 3)],
            points.Select(p => (p.String("Key"), p.Int64("Step"), p.Double("Value"), p.Int64("Ns"))));
    }

    [Fact]
    public async Task MetricsEvent_WithoutStepsOrTimestamps_StepZeroAtEventTime()
    {
        await using var harness = await IngestHarness.StartAsync("runs_batch_bare");
        var span = RunSpan(MlSemanticConventions.RunMetricsSpan, "run-bare");
        span.Events.Add(MetricsEvent(T0 + 555, ["loss", "acc"], [0.4, 0.6]));

        await harness.SendAcceptedAsync(TracesRequest(span));

        var points = await harness.QueryAsync(MetricsSql, new QueryParameters().Add("id", "run-bare"));
        Assert.Equal(
            [("acc", 0L, 0.6, (long)T0 + 555), ("loss", 0L, 0.4, (long)T0 + 555)],
            points.Select(p => (p.String("Key"), p.Int64("Step"), p.Double("Value"), p.Int64("Ns"))));
    }

    [Fact]
    public async Task MetricsEvent_StepsWithoutTimestamps_EventTimeForEveryPoint()
    {
        await using var harness = await IngestHarness.StartAsync("runs_batch_steps");
        var span = RunSpan(MlSemanticConventions.RunMetricsSpan, "run-steps");
        span.Events.Add(MetricsEvent(T0 + 9, ["loss", "loss"], [0.4, 0.3], steps: [7, 8]));

        await harness.SendAcceptedAsync(TracesRequest(span));

        var points = await harness.QueryAsync(MetricsSql, new QueryParameters().Add("id", "run-steps"));
        Assert.Equal([(7L, 0.4, (long)T0 + 9), (8L, 0.3, (long)T0 + 9)], points.Select(p => (p.Int64("Step"), p.Double("Value"), p.Int64("Ns"))));
    }

    [Fact]
    public async Task MetricsEvent_TimestampsWithoutSteps_StepZeroAtOwnTimes()
    {
        await using var harness = await IngestHarness.StartAsync("runs_batch_times");
        var span = RunSpan(MlSemanticConventions.RunMetricsSpan, "run-times");
        span.Events.Add(MetricsEvent(T0 + 9, ["loss", "loss"], [0.4, 0.3], timestamps: [(long)T0 + 100, (long)T0 + 200]));

        await harness.SendAcceptedAsync(TracesRequest(span));

        var points = await harness.QueryAsync(MetricsSql, new QueryParameters().Add("id", "run-times"));
        Assert.Equal([(0L, 0.4, (long)T0 + 100), (0L, 0.3, (long)T0 + 200)], points.Select(p => (p.Int64("Step"), p.Double("Value"), p.Int64("Ns"))));
        Assert.Equal(0.3, (await harness.SingleAsync(SummarySql, new QueryParameters().Add("id", "run-times"))).Double("Latest"));
    }

    [Fact]
    public async Task MetricEvents_IntegerValues_AcceptedAsNumbers()
    {
        await using var harness = await IngestHarness.StartAsync("runs_int_values");
        var span = RunSpan(MlSemanticConventions.RunMetricsSpan, "run-int");
        span.Events.Add(MetricEvent("tokens", Int(1024), step: 1, time: T0 + 1));
        span.Events.Add(MetricsEvent(T0 + 2, ["tokens", "ratio"], [Int(-3), Dbl(0.5)], steps: [2, 2]));

        await harness.SendAcceptedAsync(TracesRequest(span));

        var points = await harness.QueryAsync(MetricsSql, new QueryParameters().Add("id", "run-int"));
        Assert.Equal(
            [("ratio", 2L, 0.5), ("tokens", 1L, 1024.0), ("tokens", 2L, -3.0)],
            points.Select(p => (p.String("Key"), p.Int64("Step"), p.Double("Value"))));
    }

    [Fact]
    public async Task MetricEvents_NaNAndInfinity_KeptAsPoints()
    {
        await using var harness = await IngestHarness.StartAsync("runs_nan");
        var span = RunSpan(MlSemanticConventions.RunMetricsSpan, "run-nan");
        span.Events.Add(MetricEvent("loss", 1.5, step: 0, time: T0 + 1));
        span.Events.Add(MetricEvent("loss", double.NaN, step: 1, time: T0 + 2));
        span.Events.Add(MetricsEvent(T0 + 3, ["loss", "grad"], [double.NaN, double.PositiveInfinity], steps: [2, 2]));

        await harness.SendAcceptedAsync(TracesRequest(RunSpan(MlSemanticConventions.RunStartSpan, "run-nan"), span));

        var points = await harness.QueryAsync(
            "SELECT Key, Step, isNaN(Value) AS IsNaN, toString(Value) AS Text FROM ml_metrics WHERE RunId = 'run-nan' ORDER BY Key, Step");
        Assert.Equal(
            [("grad", 2L, 0L, "inf"), ("loss", 0L, 0L, "1.5"), ("loss", 1L, 1L, "nan"), ("loss", 2L, 1L, "nan")],
            points.Select(p => (p.String("Key"), p.Int64("Step"), p.Int64("IsNaN"), p.String("Text"))));

        var run = await harness.GetRunAsync("run-nan");
        Assert.NotNull(run);
        Assert.Equal(3, run.History["loss"].Count);
        Assert.True(double.IsNaN(run.History["loss"][1].Value));
        Assert.True(double.IsNaN(run.History["loss"][2].Value));

        // The latest point (step 2) is NaN and stays NaN; min and max are those of the numbers; every point counts.
        var loss = run.MetricSummaries["loss"];
        Assert.True(double.IsNaN(loss.Latest));
        Assert.True(double.IsNaN(run.Metrics["loss"]));
        Assert.Equal((1.5, 1.5, 3L, 2L), (loss.Min, loss.Max, loss.Count, loss.LastStep));
    }

    /// <summary>
    /// ±Infinity is stored (ml_metrics says inf), but ClickHouse writes non-finite floats as JSON null
    /// unless output_format_json_quote_denormals = 1, and JsonRows.Double reads null as NaN: the query
    /// API turns a diverged loss of +inf into NaN. Fails until RunQueries asks for quoted denormals.
    /// </summary>
    [Fact]
    public async Task RunQueries_InfiniteMetricValues_ReadBackAsInfinity()
    {
        await using var harness = await IngestHarness.StartAsync("runs_infinity");
        var span = RunSpan(MlSemanticConventions.RunSpan, "run-inf");
        span.Events.Add(MetricsEvent(T0 + 1, ["loss", "loss", "grad"], [0.5, double.PositiveInfinity, double.NegativeInfinity], steps: [0, 1, 0]));

        await harness.SendAcceptedAsync(TracesRequest(span));

        Assert.Equal(
            ["-inf", "0.5", "inf"],
            (await harness.QueryAsync("SELECT toString(Value) AS Text FROM ml_metrics ORDER BY Value")).Select(r => r.String("Text")));
        var run = await harness.GetRunAsync("run-inf");
        Assert.NotNull(run);
        Assert.Equal([0.5, double.PositiveInfinity], run.History["loss"].Select(p => p.Value));
        Assert.Equal(double.NegativeInfinity, Assert.Single(run.History["grad"]).Value);
        Assert.Equal(double.PositiveInfinity, run.Metrics["loss"]);
        Assert.Equal(new MetricSummary(double.PositiveInfinity, 0.5, double.PositiveInfinity, 2, 1), run.MetricSummaries["loss"]);
        Assert.Equal(double.NegativeInfinity, Assert.Single(await harness.ListRunsAsync(Experiment)).Metrics["grad"]);
    }

    [Fact]
    public async Task MetricSummary_PointsOutOfOrderAcrossRequests_LatestIsHighestStepThenTime()
    {
        await using var harness = await IngestHarness.StartAsync("runs_summary");
        var id = new QueryParameters().Add("id", "run-sum");
        Span Points(params (long Step, double Value, ulong Time)[] points)
        {
            var span = RunSpan(MlSemanticConventions.RunMetricsSpan, "run-sum");
            span.Events.Add(MetricsEvent(T0, [.. points.Select(_ => "loss")], [.. points.Select(p => p.Value)], [.. points.Select(p => p.Step)], [.. points.Select(p => (long)p.Time)]));
            return span;
        }

        await harness.SendAcceptedAsync(TracesRequest(RunSpan(MlSemanticConventions.RunStartSpan, "run-sum"), Points((5, 0.10, T0 + 50))));
        await harness.SendAcceptedAsync(TracesRequest(Points((9, 0.40, T0 + 90), (2, 0.90, T0 + 20))));
        await harness.SendAcceptedAsync(TracesRequest(Points((3, 0.05, T0 + 30), (9, 0.30, T0 + 95), (1, 0.70, T0 + 99))));

        var summary = await harness.SingleAsync(SummarySql, id);
        Assert.Equal(Experiment, summary.String("Experiment"));
        Assert.Equal(0.30, summary.Double("Latest"));
        Assert.Equal(9, summary.Int64("LastStep"));
        Assert.Equal(0.05, summary.Double("Min"));
        Assert.Equal(0.90, summary.Double("Max"));
        Assert.Equal(6, summary.Int64("Count"));

        var run = await harness.GetRunAsync("run-sum");
        Assert.NotNull(run);
        Assert.Equal(0.30, run.Metrics["loss"]);
        Assert.Equal(new MetricSummary(0.30, 0.05, 0.90, 6, 9), run.MetricSummaries["loss"]);
        Assert.Equal([1L, 2, 3, 5, 9, 9], run.History["loss"].Select(p => p.Step));
    }

    [Fact]
    public async Task MetricSummary_SeveralRunsAndKeys_EachSummarizedApart()
    {
        await using var harness = await IngestHarness.StartAsync("runs_summary_keys");
        var a = RunSpan(MlSemanticConventions.RunMetricsSpan, "run-a");
        a.Events.Add(MetricsEvent(T0, ["loss", "acc", "loss"], [0.5, 0.7, 0.4], steps: [1, 1, 2]));
        var b = RunSpan(MlSemanticConventions.RunMetricsSpan, "run-b", experiment: "other-exp");
        b.Events.Add(MetricsEvent(T0, ["loss"], [2.0], steps: [1]));

        await harness.SendAcceptedAsync(TracesRequest(a, b));

        var rows = await harness.QueryAsync("""
            SELECT RunId, Experiment, Key, argMaxMerge(Latest) AS Latest, any(c.Points) AS Count
            FROM ml_metric_summary AS s JOIN ml_metric_counts AS c USING (RunId, Key)
            GROUP BY RunId, Experiment, Key ORDER BY RunId, Key
            """);
        Assert.Equal(
            [("run-a", Experiment, "acc", 0.7, 1L), ("run-a", Experiment, "loss", 0.4, 2L), ("run-b", "other-exp", "loss", 2.0, 1L)],
            rows.Select(r => (r.String("RunId"), r.String("Experiment"), r.String("Key"), r.Double("Latest"), r.Int64("Count"))));
    }
}
