using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Tests.Limits;
using Otel.Collector.Tests.Receivers;
using static Otel.Collector.Tests.Limits.LimitRequests;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Fuzz;

/// <summary>Valid requests of each signal that touch every part of the messages and of the wire contract: the inputs the fuzzers mutate.</summary>
internal static class FuzzSeeds
{
    private static readonly ByteString TraceId = ByteString.CopyFrom(Convert.FromHexString("5b8efff798038103d269b633813fc60c"));
    private static readonly ByteString SpanId = ByteString.CopyFrom(Convert.FromHexString("eee19b7ec3c1b174"));

    public static IReadOnlyList<byte[]> Traces() =>
    [
        RunTraces().ToByteArray(),
        OtlpTestRequests.Traces().ToByteArray(),
        LimitRequests.Traces(Fixed(NewSpan("plain", Attr("doubles", ArrayOf(new AnyValue { DoubleValue = double.NaN }, new AnyValue { DoubleValue = -0.0 })), Attr("flag", new AnyValue { BoolValue = true })), 3)).ToByteArray(),
    ];

    public static IReadOnlyList<byte[]> Metrics() => [RichMetrics().ToByteArray(), OtlpTestRequests.Metrics().ToByteArray()];

    public static IReadOnlyList<byte[]> Logs() => [RichLogs().ToByteArray(), OtlpTestRequests.Logs().ToByteArray()];

    public static ExportTraceServiceRequest RunTraces()
    {
        var start = NewSpan("ml.run.start", Attr("ml.run.id", "fuzz-run"), Attr("ml.experiment.name", "fuzz"), Attr("ml.param.lr", new AnyValue { DoubleValue = 0.01 }), Attr("ml.tag.owner", "alice"));
        var run = NewSpan(
            "ml.run",
            Attr("ml.run.id", "fuzz-run"),
            Attr("ml.experiment.name", "fuzz"),
            Attr("ml.run.name", "résumé ✓"),
            Attr("ml.param.epochs", new AnyValue { IntValue = 3 }),
            Attr("ml.param.shuffle", new AnyValue { BoolValue = true }),
            Attr("config", KvListOf(Attr("layers", ArrayOf(new AnyValue { IntValue = 64 }, new AnyValue { IntValue = 32 })), Attr("name", "mlp"))),
            Attr("blob", new AnyValue { BytesValue = ByteString.CopyFrom(1, 2, 3) }));
        Fixed(start, 1);
        Fixed(run, 2);
        run.ParentSpanId = SpanId;
        run.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "diverged" };
        run.Events.Add(new Span.Types.Event { Name = "ml.metric", TimeUnixNano = 1_767_225_600_500_000_000, Attributes = { Attr("ml.metric.key", "loss"), Attr("ml.metric.value", new AnyValue { DoubleValue = 0.5 }), Attr("ml.metric.step", new AnyValue { IntValue = 1 }) } });
        run.Events.Add(new Span.Types.Event
        {
            Name = "ml.metrics",
            Attributes =
            {
                Attr("ml.metric.keys", ArrayOf(Str("loss"), Str("acc"))),
                Attr("ml.metric.values", ArrayOf(new AnyValue { DoubleValue = 0.4 }, new AnyValue { IntValue = 1 })),
                Attr("ml.metric.steps", ArrayOf(new AnyValue { IntValue = 2 }, new AnyValue { IntValue = 2 })),
                Attr("ml.metric.timestamps", ArrayOf(new AnyValue { IntValue = 1_767_225_600_600_000_000 }, new AnyValue { IntValue = 0 })),
            },
        });
        run.Events.Add(new Span.Types.Event { Name = "ml.artifact", Attributes = { Attr("ml.artifact.path", "model.onnx"), Attr("ml.artifact.sha256", new string('a', 64)), Attr("ml.artifact.size", new AnyValue { IntValue = 10 }), Attr("ml.artifact.uri", "s3://bucket/model.onnx") } });
        run.Events.Add(new Span.Types.Event { Name = "ml.dataset", Attributes = { Attr("ml.dataset.name", "train.csv"), Attr("ml.dataset.digest", new string('b', 64)), Attr("ml.dataset.rows", Str("100")), Attr("ml.dataset.schema", "[{\"name\":\"x\",\"type\":\"int\"}]") } });
        run.Links.Add(new Span.Types.Link { TraceId = TraceId, SpanId = SpanId, TraceState = "k=v", Attributes = { Attr("link.kind", "parent-run") } });
        return LimitRequests.Traces([Attr("service.name", "fuzz"), Attr("vcs.ref.head.revision", "4f1c2e9")], start, run);
    }

    public static ExportMetricsServiceRequest RichMetrics()
    {
        var request = GaugeRequest("train.loss", Point(0.25, Attr("ml.run.id", "fuzz-run")), Point(double.PositiveInfinity));
        var metrics = request.ResourceMetrics[0].ScopeMetrics[0].Metrics;
        metrics.Add(new Metric
        {
            Name = "requests",
            Unit = "{request}",
            Sum = new Sum
            {
                AggregationTemporality = AggregationTemporality.Cumulative,
                IsMonotonic = true,
                DataPoints = { new NumberDataPoint { AsInt = 7, TimeUnixNano = 1, Exemplars = { new Exemplar { AsDouble = 1, TraceId = TraceId, SpanId = SpanId, FilteredAttributes = { Attr("user", "u") } } } } },
            },
        });
        metrics.Add(new Metric
        {
            Name = "latency",
            Histogram = new Histogram { DataPoints = { new HistogramDataPoint { Count = 3, Sum = 1.5, ExplicitBounds = { 0.1, 1 }, BucketCounts = { 1, 1, 1 }, Min = 0, Max = 2 } } },
        });
        metrics.Add(new Metric
        {
            Name = "latency.exp",
            ExponentialHistogram = new ExponentialHistogram { DataPoints = { new ExponentialHistogramDataPoint { Scale = 3, Count = 4, ZeroCount = 1, Positive = new() { Offset = -2, BucketCounts = { 1, 2 } }, Negative = new() { BucketCounts = { 1 } } } } },
        });
        metrics.Add(new Metric
        {
            Name = "quantiles",
            Summary = new Summary { DataPoints = { new SummaryDataPoint { Count = 2, Sum = 3, QuantileValues = { new SummaryDataPoint.Types.ValueAtQuantile { Quantile = 0.5, Value = 1 } } } } },
            Metadata = { Attr("note", "summary") },
        });
        return request;
    }

    public static ExportLogsServiceRequest RichLogs()
    {
        var request = LimitRequests.Logs(
            Log(Str("checkpoint saved"), Attr("path", "/tmp/ckpt")),
            Log(KvListOf(Attr("event", "epoch"), Attr("values", ArrayOf(Str("a"), new AnyValue { IntValue = 1 })))),
            Log(ArrayOf(new AnyValue { BytesValue = ByteString.CopyFrom(0xFF) })));
        var first = request.ResourceLogs[0].ScopeLogs[0].LogRecords[0];
        first.TraceId = TraceId;
        first.SpanId = SpanId;
        first.SeverityText = "WARN";
        first.EventName = "checkpoint";
        request.ResourceLogs[0].ScopeLogs[0].Scope = new InstrumentationScope { Name = "trainer", Attributes = { Attr("scope.attr", "x") } };
        return request;
    }

    /// <summary>Fixed ids, so that every run mutates the same bytes.</summary>
    private static Span Fixed(Span span, byte n)
    {
        span.TraceId = TraceId;
        span.SpanId = ByteString.CopyFrom(1, 2, 3, 4, 5, 6, 7, n);
        return span;
    }

    /// <summary>Valid OTLP/JSON bodies (hex ids, 64-bit integers as strings and as numbers, every value kind).</summary>
    public static class Json
    {
        public const string Traces = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"fuzz"}}]},
              "scopeSpans":[{"scope":{"name":"fuzz","version":"1"},"spans":[{
                "traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"eee19b7ec3c1b174","parentSpanId":"",
                "name":"ml.run","kind":1,"startTimeUnixNano":"1767225600000000000","endTimeUnixNano":1767225660000000000,
                "attributes":[
                  {"key":"ml.run.id","value":{"stringValue":"json-fuzz"}},
                  {"key":"ml.experiment.name","value":{"stringValue":"fuzz"}},
                  {"key":"ml.param.lr","value":{"doubleValue":0.01}},
                  {"key":"ml.param.epochs","value":{"intValue":"3"}},
                  {"key":"ml.param.big","value":{"intValue":9007199254740993}},
                  {"key":"nested","value":{"kvlistValue":{"values":[{"key":"a","value":{"arrayValue":{"values":[{"boolValue":true},{"bytesValue":"AQID"}]}}}]}}}
                ],
                "events":[{"timeUnixNano":"1767225601000000000","name":"ml.metrics","attributes":[
                  {"key":"ml.metric.keys","value":{"arrayValue":{"values":[{"stringValue":"loss"},{"stringValue":"acc"}]}}},
                  {"key":"ml.metric.values","value":{"arrayValue":{"values":[{"doubleValue":0.5},{"doubleValue":"NaN"}]}}},
                  {"key":"ml.metric.steps","value":{"arrayValue":{"values":[{"intValue":"1"},{"intValue":1}]}}}
                ]}],
                "links":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","attributes":[]}],
                "status":{"code":2,"message":"diverged"}
              }]}]}]}
            """;

        public const string Metrics = """
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"fuzz"}}]},
              "scopeMetrics":[{"metrics":[
                {"name":"train.loss","gauge":{"dataPoints":[{"timeUnixNano":"1767225600000000000","asDouble":0.25,
                  "attributes":[{"key":"ml.run.id","value":{"stringValue":"json-fuzz"}}]}]}},
                {"name":"requests","sum":{"aggregationTemporality":2,"isMonotonic":true,"dataPoints":[{"asInt":"7",
                  "exemplars":[{"asDouble":1,"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174"}]}]}},
                {"name":"latency","histogram":{"aggregationTemporality":1,"dataPoints":[{"count":"3","sum":1.5,"bucketCounts":["1","1",1],"explicitBounds":[0.1,1]}]}},
                {"name":"latency.exp","exponentialHistogram":{"dataPoints":[{"scale":3,"count":"4","positive":{"offset":-2,"bucketCounts":["1","2"]}}]}},
                {"name":"quantiles","summary":{"dataPoints":[{"count":"2","sum":3,"quantileValues":[{"quantile":0.5,"value":1}]}]}}
              ]}]}]}
            """;

        public const string Logs = """
            {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"fuzz"}}]},
              "scopeLogs":[{"scope":{"name":"trainer"},"logRecords":[
                {"timeUnixNano":"1767225600000000000","severityNumber":13,"severityText":"WARN","body":{"stringValue":"checkpoint ✓"},
                 "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","attributes":[{"key":"path","value":{"stringValue":"/tmp"}}]},
                {"observedTimeUnixNano":1767225600000000001,"body":{"kvlistValue":{"values":[{"key":"k","value":{"intValue":"-9223372036854775808"}}]}}}
              ]}]}]}
            """;
    }
}
