using OpenTelemetry.Proto.Metrics.V1;
using Otel.Collector.Ingest;
using Otel.Collector.Query;
using Otel.Tracking.Query;
using Otel.Tracking;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Ingest;

/// <summary>OTLP metrics land in the contrib exporter's otel_metrics_* tables; number points of a run also become its metric history.</summary>
public sealed class MetricRowTests
{
    private const string CommonColumns = """
        ServiceName, ResourceAttributes, ResourceSchemaUrl, ScopeName, ScopeVersion, ScopeAttributes, MetricName,
        MetricDescription, MetricUnit, Attributes, toUnixTimestamp64Nano(StartTimeUnix) AS StartNs, toUnixTimestamp64Nano(TimeUnix) AS Ns, Flags
        """;

    [Fact]
    public async Task Gauge_Points_StoredWithAttributesTimesAndExemplars()
    {
        await using var harness = await IngestHarness.StartAsync("metrics_gauge");
        var metric = new Metric
        {
            Name = "gpu.utilization",
            Description = "GPU busy share",
            Unit = "1",
            Gauge = new Gauge
            {
                DataPoints =
                {
                    new NumberDataPoint
                    {
                        StartTimeUnixNano = T0 + 1,
                        TimeUnixNano = T0 + 2,
                        AsDouble = 0.75,
                        Flags = 1,
                        Attributes = { Attr("gpu", "0"), Attr("node", 3), Attr("mig", false) },
                        Exemplars =
                        {
                            new Exemplar
                            {
                                TimeUnixNano = T0 + 3,
                                AsInt = 9,
                                TraceId = Bytes("5B8EFFF798038103D269B633813FC60C"),
                                SpanId = Bytes("EEE19B7EC3C1B174"),
                                FilteredAttributes = { Attr("request", "r1") },
                            },
                        },
                    },
                    new NumberDataPoint { StartTimeUnixNano = T0 + 4, TimeUnixNano = T0 + 5, AsInt = -7, Attributes = { Attr("gpu", "1") } },
                },
            },
        };

        Assert.Equal(IngestResult.Ok, await harness.SendAsync(MetricsRequest(metric)));

        var rows = await harness.QueryAsync($"""
            SELECT {CommonColumns}, Value, Exemplars.FilteredAttributes AS ExAttributes,
                   arrayMap(t -> toUnixTimestamp64Nano(t), Exemplars.TimeUnix) AS ExTimes, Exemplars.Value AS ExValues,
                   Exemplars.SpanId AS ExSpanIds, Exemplars.TraceId AS ExTraceIds
            FROM otel_metrics_gauge ORDER BY TimeUnix
            """);
        Assert.Equal(2, rows.Count);
        var first = rows[0];
        Assert.Equal(ServiceName, first.String("ServiceName"));
        Assert.Equal(new Dictionary<string, string> { ["service.name"] = ServiceName }, first.Map("ResourceAttributes"));
        Assert.Equal("https://opentelemetry.io/schemas/1.44.0", first.String("ResourceSchemaUrl"));
        Assert.Equal((ScopeName, ScopeVersion), (first.String("ScopeName"), first.String("ScopeVersion")));
        Assert.Equal(new Dictionary<string, string> { ["scope.kind"] = "meter" }, first.Map("ScopeAttributes"));
        Assert.Equal(("gpu.utilization", "GPU busy share", "1"), (first.String("MetricName"), first.String("MetricDescription"), first.String("MetricUnit")));
        Assert.Equal(new Dictionary<string, string> { ["gpu"] = "0", ["node"] = "3", ["mig"] = "false" }, first.Map("Attributes"));
        Assert.Equal(((long)T0 + 1, (long)T0 + 2), (first.Int64("StartNs"), first.Int64("Ns")));
        Assert.Equal(0.75, first.Double("Value"));
        Assert.Equal(1, first.Int64("Flags"));
        Assert.Equal(new Dictionary<string, string> { ["request"] = "r1" }, Assert.Single(first.Maps("ExAttributes")));
        Assert.Equal([(long)T0 + 3], first.Int64s("ExTimes"));
        Assert.Equal([9.0], first.Doubles("ExValues"));
        Assert.Equal(["eee19b7ec3c1b174"], first.Strings("ExSpanIds"));
        Assert.Equal(["5b8efff798038103d269b633813fc60c"], first.Strings("ExTraceIds"));

        var second = rows[1];
        Assert.Equal(-7.0, second.Double("Value"));
        Assert.Equal(new Dictionary<string, string> { ["gpu"] = "1" }, second.Map("Attributes"));
        Assert.Empty(second.Strings("ExSpanIds"));
    }

    [Fact]
    public async Task Sum_Points_StoredWithTemporalityAndMonotonicity()
    {
        await using var harness = await IngestHarness.StartAsync("metrics_sum");
        var cumulative = new Metric
        {
            Name = "tokens.processed",
            Unit = "{token}",
            Sum = new Sum
            {
                AggregationTemporality = AggregationTemporality.Cumulative,
                IsMonotonic = true,
                DataPoints = { new NumberDataPoint { StartTimeUnixNano = T0, TimeUnixNano = T0 + Second, AsInt = 12345, Attributes = { Attr("split", "train") } } },
            },
        };
        var delta = new Metric
        {
            Name = "queue.change",
            Sum = new Sum
            {
                AggregationTemporality = AggregationTemporality.Delta,
                IsMonotonic = false,
                DataPoints = { new NumberDataPoint { StartTimeUnixNano = T0, TimeUnixNano = T0 + Second, AsDouble = -2.5 } },
            },
        };

        Assert.Equal(IngestResult.Ok, await harness.SendAsync(MetricsRequest(cumulative, delta)));

        var rows = await harness.QueryAsync($"SELECT {CommonColumns}, Value, AggregationTemporality, IsMonotonic FROM otel_metrics_sum ORDER BY MetricName");
        Assert.Equal(
            [("queue.change", -2.5, 1L, false, ""), ("tokens.processed", 12345.0, 2L, true, "{token}")],
            rows.Select(r => (r.String("MetricName"), r.Double("Value"), r.Int64("AggregationTemporality"), r.Bool("IsMonotonic"), r.String("MetricUnit"))));
        Assert.Equal(new Dictionary<string, string> { ["split"] = "train" }, rows[1].Map("Attributes"));
        Assert.Equal(((long)T0, (long)(T0 + Second)), (rows[1].Int64("StartNs"), rows[1].Int64("Ns")));
    }

    [Fact]
    public async Task Histogram_Points_StoredWithBucketsAndStats_MismatchedBucketsRejected()
    {
        await using var harness = await IngestHarness.StartAsync("metrics_histogram");
        var metric = new Metric
        {
            Name = "request.duration",
            Unit = "s",
            Histogram = new Histogram
            {
                AggregationTemporality = AggregationTemporality.Delta,
                DataPoints =
                {
                    new HistogramDataPoint
                    {
                        StartTimeUnixNano = T0,
                        TimeUnixNano = T0 + 10,
                        Count = 6,
                        Sum = 4.2,
                        Min = 0.1,
                        Max = 2.5,
                        BucketCounts = { 1, 2, 3 },
                        ExplicitBounds = { 0.5, 1.0 },
                        Attributes = { Attr("route", "/predict") },
                    },
                    new HistogramDataPoint { TimeUnixNano = T0 + 20, Count = 3, BucketCounts = { 1, 2 }, ExplicitBounds = { 0.5, 1.0 }, Attributes = { Attr("route", "/bad") } },
                    new HistogramDataPoint { TimeUnixNano = T0 + 30, Count = 3, BucketCounts = { 3 }, ExplicitBounds = { 0.5 }, Attributes = { Attr("route", "/bad2") } },
                    new HistogramDataPoint { TimeUnixNano = T0 + 40, Count = 0, Attributes = { Attr("route", "/empty") } },
                },
            },
        };

        var result = await harness.SendAsync(MetricsRequest(metric));

        Assert.Equal(IngestOutcome.Accepted, result.Outcome);
        Assert.Equal(2, result.Rejected);
        Assert.Contains("histogram 'request.duration': bucket_counts must have one more entry than explicit_bounds", result.Message, StringComparison.Ordinal);
        var rows = await harness.QueryAsync($"""
            SELECT {CommonColumns}, Count, Sum, BucketCounts, ExplicitBounds, Min, Max, AggregationTemporality
            FROM otel_metrics_histogram ORDER BY TimeUnix
            """);
        Assert.Equal(["/predict", "/empty"], rows.Select(r => r.Map("Attributes")["route"]));
        var row = rows[0];
        Assert.Equal("request.duration", row.String("MetricName"));
        Assert.Equal(((long)T0, (long)T0 + 10), (row.Int64("StartNs"), row.Int64("Ns")));
        Assert.Equal(6, row.Int64("Count"));
        Assert.Equal(4.2, row.Double("Sum"));
        Assert.Equal([1L, 2, 3], row.Int64s("BucketCounts"));
        Assert.Equal([0.5, 1.0], row.Doubles("ExplicitBounds"));
        Assert.Equal((0.1, 2.5), (row.Double("Min"), row.Double("Max")));
        Assert.Equal((long)AggregationTemporality.Delta, row.Int64("AggregationTemporality"));
        Assert.Empty(rows[1].Int64s("BucketCounts"));
    }

    [Fact]
    public async Task ExponentialHistogram_Point_StoredWithScaleOffsetsAndBuckets()
    {
        await using var harness = await IngestHarness.StartAsync("metrics_exp_histogram");
        var metric = new Metric
        {
            Name = "latency.exp",
            ExponentialHistogram = new ExponentialHistogram
            {
                AggregationTemporality = AggregationTemporality.Cumulative,
                DataPoints =
                {
                    new ExponentialHistogramDataPoint
                    {
                        StartTimeUnixNano = T0,
                        TimeUnixNano = T0 + 7,
                        Count = 7,
                        Sum = 12.5,
                        Scale = 3,
                        ZeroCount = 1,
                        Positive = new ExponentialHistogramDataPoint.Types.Buckets { Offset = 2, BucketCounts = { 1, 2 } },
                        Negative = new ExponentialHistogramDataPoint.Types.Buckets { Offset = -1, BucketCounts = { 3 } },
                        Min = -4.0,
                        Max = 8.0,
                        Attributes = { Attr("shard", 1) },
                    },
                },
            },
        };

        Assert.Equal(IngestResult.Ok, await harness.SendAsync(MetricsRequest(metric)));

        var row = await harness.SingleAsync($"""
            SELECT {CommonColumns}, Count, Sum, Scale, ZeroCount, PositiveOffset, PositiveBucketCounts, NegativeOffset,
                   NegativeBucketCounts, Min, Max, AggregationTemporality
            FROM otel_metrics_exp_histogram
            """);
        Assert.Equal(("latency.exp", (long)T0 + 7), (row.String("MetricName"), row.Int64("Ns")));
        Assert.Equal((7L, 12.5, 3L, 1L), (row.Int64("Count"), row.Double("Sum"), row.Int64("Scale"), row.Int64("ZeroCount")));
        Assert.Equal(2, row.Int64("PositiveOffset"));
        Assert.Equal([1L, 2], row.Int64s("PositiveBucketCounts"));
        Assert.Equal(-1, row.Int64("NegativeOffset"));
        Assert.Equal([3L], row.Int64s("NegativeBucketCounts"));
        Assert.Equal((-4.0, 8.0), (row.Double("Min"), row.Double("Max")));
        Assert.Equal((long)AggregationTemporality.Cumulative, row.Int64("AggregationTemporality"));
        Assert.Equal(new Dictionary<string, string> { ["shard"] = "1" }, row.Map("Attributes"));
    }

    [Fact]
    public async Task Summary_Point_StoredWithQuantiles()
    {
        await using var harness = await IngestHarness.StartAsync("metrics_summary");
        var metric = new Metric
        {
            Name = "rpc.latency",
            Unit = "ms",
            Summary = new Summary
            {
                DataPoints =
                {
                    new SummaryDataPoint
                    {
                        StartTimeUnixNano = T0,
                        TimeUnixNano = T0 + 99,
                        Count = 40,
                        Sum = 123.5,
                        QuantileValues =
                        {
                            new SummaryDataPoint.Types.ValueAtQuantile { Quantile = 0.5, Value = 1.5 },
                            new SummaryDataPoint.Types.ValueAtQuantile { Quantile = 0.99, Value = 30.25 },
                        },
                        Attributes = { Attr("method", "Predict") },
                    },
                },
            },
        };

        Assert.Equal(IngestResult.Ok, await harness.SendAsync(MetricsRequest(metric)));

        var row = await harness.SingleAsync($"""
            SELECT {CommonColumns}, Count, Sum, ValueAtQuantiles.Quantile AS Quantiles, ValueAtQuantiles.Value AS QuantileValues
            FROM otel_metrics_summary
            """);
        Assert.Equal(("rpc.latency", "ms", (long)T0 + 99), (row.String("MetricName"), row.String("MetricUnit"), row.Int64("Ns")));
        Assert.Equal((40L, 123.5), (row.Int64("Count"), row.Double("Sum")));
        Assert.Equal([0.5, 0.99], row.Doubles("Quantiles"));
        Assert.Equal([1.5, 30.25], row.Doubles("QuantileValues"));
        Assert.Equal(new Dictionary<string, string> { ["method"] = "Predict" }, row.Map("Attributes"));
    }

    [Fact]
    public async Task NumberPoints_WithRunId_AlsoBecomeRunMetricsAtUnixSecondStep()
    {
        await using var harness = await IngestHarness.StartAsync("metrics_run_history");
        var memory = new Metric
        {
            Name = MlSemanticConventions.ProcessMemoryUsage,
            Unit = "By",
            Gauge = new Gauge
            {
                DataPoints =
                {
                    new NumberDataPoint
                    {
                        TimeUnixNano = T0 + (1 * Second) + 500_000_000,
                        AsInt = 1_048_576,
                        Attributes = { Attr(MlSemanticConventions.RunId, "run-sys"), Attr(MlSemanticConventions.ExperimentName, Experiment) },
                    },
                    new NumberDataPoint { TimeUnixNano = T0 + (2 * Second), AsDouble = 2.5, Attributes = { Attr("other", "point") } },
                },
            },
        };
        var cpu = new Metric
        {
            Name = MlSemanticConventions.ProcessCpuTime,
            Sum = new Sum
            {
                AggregationTemporality = AggregationTemporality.Cumulative,
                IsMonotonic = true,
                DataPoints = { new NumberDataPoint { TimeUnixNano = T0 + (3 * Second), AsDouble = 0.25, Attributes = { Attr(MlSemanticConventions.RunId, "run-sys") } } },
            },
        };
        var histogram = new Metric
        {
            Name = "step.duration",
            Histogram = new Histogram { DataPoints = { new HistogramDataPoint { TimeUnixNano = T0 + Second, Count = 1, Attributes = { Attr(MlSemanticConventions.RunId, "run-sys") } } } },
        };

        Assert.Equal(IngestResult.Ok, await harness.SendAsync(MetricsRequest(memory, cpu, histogram)));

        var points = await harness.QueryAsync("""
            SELECT RunId, Experiment, Key, Step, Value, toUnixTimestamp64Nano(Timestamp) AS Ns, Source
            FROM ml_metrics ORDER BY Key
            """);
        Assert.Equal(
            [
                ("run-sys", MlSemanticConventions.ProcessCpuTime, (long)((T0 / Second) + 3), 0.25, (long)(T0 + (3 * Second)), "otel_metric"),
                ("run-sys", MlSemanticConventions.ProcessMemoryUsage, (long)((T0 / Second) + 1), 1_048_576.0, (long)(T0 + (1 * Second) + 500_000_000), "otel_metric"),
            ],
            points.Select(p => (p.String("RunId"), p.String("Key"), p.Int64("Step"), p.Double("Value"), p.Int64("Ns"), p.String("Source"))));
        Assert.Equal(Experiment, points[1].String("Experiment"));
        Assert.Equal(2, await harness.CountAsync("SELECT count() AS n FROM otel_metrics_gauge"));
        Assert.Equal(1, await harness.CountAsync("SELECT count() AS n FROM otel_metrics_sum"));
        Assert.Equal(1, await harness.CountAsync("SELECT count() AS n FROM otel_metrics_histogram"));
    }

    [Fact]
    public async Task NumberPoints_WithRunIdAndSeriesAttributes_EachSeriesKeepsItsOwnKey()
    {
        // Regression: both directions of system.disk.io, observed at one instant, used to share the key and step, so one was lost.
        await using var harness = await IngestHarness.StartAsync("metrics_run_series");
        NumberDataPoint Point(string direction, long bytes) => new()
        {
            TimeUnixNano = T0 + Second,
            AsInt = bytes,
            Attributes = { Attr("disk.io.direction", direction), Attr(MlSemanticConventions.RunId, "run-io"), Attr("host.disk", "all") },
        };
        var io = new Metric
        {
            Name = "system.disk.io",
            Sum = new Sum { AggregationTemporality = AggregationTemporality.Cumulative, IsMonotonic = true, DataPoints = { Point("read", 100), Point("write", 200) } },
        };

        Assert.Equal(IngestResult.Ok, await harness.SendAsync(MetricsRequest(io)));

        var points = await harness.QueryAsync("SELECT Key, Value FROM ml_metrics FINAL ORDER BY Key");
        Assert.Equal([("system.disk.io.read.all", 100.0), ("system.disk.io.write.all", 200.0)], points.Select(p => (p.String("Key"), p.Double("Value"))));
    }

    [Fact]
    public async Task RunMetricFromGauge_ShowsInRunDetail()
    {
        await using var harness = await IngestHarness.StartAsync("metrics_run_detail");
        await harness.SendAcceptedAsync(TracesRequest(RunSpan(MlSemanticConventions.RunStartSpan, "run-gauge")));
        var gauge = new Metric
        {
            Name = "gpu.memory",
            Gauge = new Gauge
            {
                DataPoints =
                {
                    new NumberDataPoint { TimeUnixNano = T0 + (5 * Second), AsDouble = 10, Attributes = { Attr(MlSemanticConventions.RunId, "run-gauge") } },
                    new NumberDataPoint { TimeUnixNano = T0 + (9 * Second), AsDouble = 30, Attributes = { Attr(MlSemanticConventions.RunId, "run-gauge") } },
                    new NumberDataPoint { TimeUnixNano = T0 + (7 * Second), AsDouble = 20, Attributes = { Attr(MlSemanticConventions.RunId, "run-gauge") } },
                },
            },
        };

        Assert.Equal(IngestResult.Ok, await harness.SendAsync(MetricsRequest(gauge)));

        var run = await harness.GetRunAsync("run-gauge");
        Assert.NotNull(run);
        Assert.Equal(30, run.Metrics["gpu.memory"]);
        Assert.Equal(new MetricSummary(30, 10, 30, 3, (long)(T0 / Second) + 9), run.MetricSummaries["gpu.memory"]);
        Assert.Equal([10.0, 20, 30], run.History["gpu.memory"].Select(p => p.Value));
    }

    [Fact]
    public async Task Metric_WithoutName_EveryPointRejected()
    {
        await using var harness = await IngestHarness.StartAsync("metrics_no_name");
        var unnamed = new Metric { Gauge = new Gauge { DataPoints = { new NumberDataPoint { AsDouble = 1 }, new NumberDataPoint { AsDouble = 2 } } } };
        var named = new Metric { Name = "ok", Gauge = new Gauge { DataPoints = { new NumberDataPoint { TimeUnixNano = T0, AsDouble = 3 } } } };

        var result = await harness.SendAsync(MetricsRequest(unnamed, named));

        Assert.Equal(IngestOutcome.Accepted, result.Outcome);
        Assert.Equal(2, result.Rejected);
        Assert.Contains("metric without a name", result.Message, StringComparison.Ordinal);
        var row = await harness.SingleAsync("SELECT MetricName, Value FROM otel_metrics_gauge");
        Assert.Equal(("ok", 3.0), (row.String("MetricName"), row.Double("Value")));
    }

    [Fact]
    public async Task GaugeValue_NaN_StoredAsNaN()
    {
        await using var harness = await IngestHarness.StartAsync("metrics_nan");
        var gauge = new Metric { Name = "maybe", Gauge = new Gauge { DataPoints = { new NumberDataPoint { TimeUnixNano = T0, AsDouble = double.NaN } } } };

        Assert.Equal(IngestResult.Ok, await harness.SendAsync(MetricsRequest(gauge)));

        Assert.Equal(1, (await harness.SingleAsync("SELECT isNaN(Value) AS n FROM otel_metrics_gauge")).Int64("n"));
    }
}
