using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ProtoSpan = OpenTelemetry.Proto.Trace.V1.Span;

namespace Otel.Collector.Tests.Receivers;

/// <summary>
/// The real OpenTelemetry .NET OTLP exporter (it writes protobuf with its own serializer) sending
/// to the receivers over gRPC and over HTTP/protobuf: the strongest check of the field numbers
/// and wire types of the hand-written protos.
/// </summary>
public sealed class OtlpSdkInteropTests : IAsyncLifetime
{
    private const int FlushTimeoutMilliseconds = 10_000;

    private OtlpReceiverHost _host = null!;

    public static TheoryData<OtlpExportProtocol> Protocols => [OtlpExportProtocol.Grpc, OtlpExportProtocol.HttpProtobuf];

    public async ValueTask InitializeAsync() => _host = await OtlpReceiverHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Protocols))]
    public void SdkExport_Traces_ArriveWithIdsAttributesEventsLinksAndStatus(OtlpExportProtocol protocol)
    {
        var name = $"interop.traces.{protocol}";
        using var source = new ActivitySource(new ActivitySourceOptions(name) { Version = "2.1.0" });
        using var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(name)
            .SetSampler(new AlwaysOnSampler())
            .ConfigureResource(r => r.AddService("interop-trainer"))
            .AddOtlpExporter(o => Configure(o, protocol, "/v1/traces"))
            .Build();

        var linked = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        ActivityTraceId traceId;
        ActivitySpanId parentId;
        ActivitySpanId childId;
        using (var parent = source.StartActivity("ml.run", ActivityKind.Server)!)
        {
            traceId = parent.TraceId;
            parentId = parent.SpanId;
            using var child = source.StartActivity("ml.step", ActivityKind.Client, parent.Context, links: [new ActivityLink(linked)])!;
            childId = child.SpanId;
            child.SetTag("ml.run.id", "run-7");
            child.SetTag("ml.param.epochs", 12L);
            child.SetTag("ml.param.lr", 0.5);
            child.SetTag("ml.param.shuffle", true);
            child.SetTag("ml.tags", new[] { "a", "b" });
            child.AddEvent(new ActivityEvent("ml.metric", tags: new ActivityTagsCollection { ["ml.metric.value"] = 0.125 }));
            child.SetStatus(ActivityStatusCode.Error, "diverged");
        }

        Assert.True(provider.ForceFlush(FlushTimeoutMilliseconds));

        var spans = _host.Ingest.Traces.SelectMany(r => r.ResourceSpans).SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans).ToList();
        var resource = _host.Ingest.Traces.First().ResourceSpans[0];
        Assert.Contains(resource.Resource.Attributes, a => a.Key == "service.name" && a.Value.StringValue == "interop-trainer");
        Assert.Equal("2.1.0", resource.ScopeSpans[0].Scope.Version);
        var step = Assert.Single(spans, s => s.Name == "ml.step");
        var run = Assert.Single(spans, s => s.Name == "ml.run");
        Assert.Equal(traceId.ToHexString(), Convert.ToHexStringLower(step.TraceId.Span));
        Assert.Equal(childId.ToHexString(), Convert.ToHexStringLower(step.SpanId.Span));
        Assert.Equal(parentId.ToHexString(), Convert.ToHexStringLower(step.ParentSpanId.Span));
        Assert.Equal(ProtoSpan.Types.SpanKind.Client, step.Kind);
        Assert.Equal(ProtoSpan.Types.SpanKind.Server, run.Kind);
        Assert.True(step.StartTimeUnixNano > 1_600_000_000_000_000_000UL && step.EndTimeUnixNano >= step.StartTimeUnixNano);
        Assert.Equal(1U, step.Flags & 0xFF);
        Assert.Equal("run-7", Attribute(step, "ml.run.id").StringValue);
        Assert.Equal(12, Attribute(step, "ml.param.epochs").IntValue);
        Assert.Equal(0.5, Attribute(step, "ml.param.lr").DoubleValue);
        Assert.True(Attribute(step, "ml.param.shuffle").BoolValue);
        Assert.Equal(["a", "b"], Attribute(step, "ml.tags").ArrayValue.Values.Select(v => v.StringValue));
        var metricEvent = Assert.Single(step.Events);
        Assert.Equal("ml.metric", metricEvent.Name);
        Assert.Equal(0.125, metricEvent.Attributes[0].Value.DoubleValue);
        Assert.True(metricEvent.TimeUnixNano >= step.StartTimeUnixNano);
        var link = Assert.Single(step.Links);
        Assert.Equal(linked.TraceId.ToHexString(), Convert.ToHexStringLower(link.TraceId.Span));
        Assert.Equal(linked.SpanId.ToHexString(), Convert.ToHexStringLower(link.SpanId.Span));
        Assert.Equal(OpenTelemetry.Proto.Trace.V1.Status.Types.StatusCode.Error, step.Status.Code);
        Assert.Equal("diverged", step.Status.Message);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void SdkExport_Metrics_ArriveWithSumsHistogramsExemplarsAndExponentialHistograms(OtlpExportProtocol protocol)
    {
        var name = $"interop.metrics.{protocol}";
        using var meter = new Meter(new MeterOptions(name) { Version = "1.0.0" });
        using var source = new ActivitySource(new ActivitySourceOptions(name) { Version = "1.0.0" });
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(name).SetSampler(new AlwaysOnSampler()).Build();
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(name)
            .SetExemplarFilter(ExemplarFilterType.AlwaysOn)
            .AddView("train.step.latency", new Base2ExponentialBucketHistogramConfiguration())
            .AddOtlpExporter((o, reader) =>
            {
                Configure(o, protocol, "/v1/metrics");
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Delta;
            })
            .Build();

        var batches = meter.CreateCounter<long>("train.batches");
        var loss = meter.CreateHistogram<double>("train.loss");
        var latency = meter.CreateHistogram<double>("train.step.latency", "s");
        meter.CreateObservableGauge("gpu.utilization", () => 0.75);
        ActivityTraceId traceId;
        using (var activity = source.StartActivity("ml.step")!)
        {
            traceId = activity.TraceId;
            batches.Add(5, new KeyValuePair<string, object?>("ml.run.id", "run-7"));
            loss.Record(0.3);
            loss.Record(7);
            latency.Record(0.02);
            latency.Record(0.04);
        }

        Assert.True(provider.ForceFlush(FlushTimeoutMilliseconds));

        var metrics = _host.Ingest.Metrics.SelectMany(r => r.ResourceMetrics).SelectMany(r => r.ScopeMetrics).SelectMany(s => s.Metrics).ToList();
        var sum = Assert.Single(metrics, m => m.Name == "train.batches").Sum;
        Assert.True(sum.IsMonotonic);
        Assert.Equal(OpenTelemetry.Proto.Metrics.V1.AggregationTemporality.Delta, sum.AggregationTemporality);
        Assert.Equal(5, sum.DataPoints[0].AsInt);
        Assert.Equal("run-7", sum.DataPoints[0].Attributes[0].Value.StringValue);
        var histogram = Assert.Single(metrics, m => m.Name == "train.loss").Histogram.DataPoints[0];
        Assert.Equal(2UL, histogram.Count);
        Assert.Equal(7.3, histogram.Sum, 6);
        Assert.Equal(0.3, histogram.Min);
        Assert.Equal(7, histogram.Max);
        Assert.Equal(histogram.ExplicitBounds.Count + 1, histogram.BucketCounts.Count);
        Assert.Equal(2UL, histogram.BucketCounts.Aggregate(0UL, (a, b) => a + b));
        Assert.Contains(histogram.Exemplars, e => Convert.ToHexStringLower(e.TraceId.Span) == traceId.ToHexString() && e.SpanId.Length == 8);
        var exponential = Assert.Single(metrics, m => m.Name == "train.step.latency");
        Assert.Equal("s", exponential.Unit);
        Assert.Equal(2UL, exponential.ExponentialHistogram.DataPoints[0].Count);
        Assert.Equal(2UL, exponential.ExponentialHistogram.DataPoints[0].Positive.BucketCounts.Aggregate(0UL, (a, b) => a + b));
        Assert.Equal(0.75, Assert.Single(metrics, m => m.Name == "gpu.utilization").Gauge.DataPoints[0].AsDouble);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void SdkExport_Logs_ArriveWithSeverityBodyAttributesAndTraceContext(OtlpExportProtocol protocol)
    {
        var name = $"interop.logs.{protocol}";
        using var source = new ActivitySource(new ActivitySourceOptions(name) { Version = "1.0.0" });
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(name).SetSampler(new AlwaysOnSampler()).Build();
        ActivityTraceId traceId;
        ActivitySpanId spanId;
        using (var loggerFactory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("interop-trainer"));
            o.AddOtlpExporter((exporter, processor) =>
            {
                Configure(exporter, protocol, "/v1/logs");
                processor.ExportProcessorType = ExportProcessorType.Simple;
            });
        })))
        {
            using var activity = source.StartActivity("ml.step")!;
            traceId = activity.TraceId;
            spanId = activity.SpanId;
            loggerFactory.CreateLogger("trainer").LogWarning("checkpoint took {Seconds} s", 42);
        }

        var record = Assert.Single(_host.Ingest.Logs.SelectMany(r => r.ResourceLogs).SelectMany(r => r.ScopeLogs).SelectMany(s => s.LogRecords));
        Assert.Equal(OpenTelemetry.Proto.Logs.V1.SeverityNumber.Warn, record.SeverityNumber);
        Assert.Equal(traceId.ToHexString(), Convert.ToHexStringLower(record.TraceId.Span));
        Assert.Equal(spanId.ToHexString(), Convert.ToHexStringLower(record.SpanId.Span));
        Assert.Contains(record.Attributes, a => a.Key == "Seconds" && a.Value.IntValue == 42);
        Assert.True(record.TimeUnixNano > 1_600_000_000_000_000_000UL);
        Assert.False(string.IsNullOrEmpty(record.Body.StringValue));
    }

    private static OpenTelemetry.Proto.Common.V1.AnyValue Attribute(ProtoSpan span, string key) => span.Attributes.Single(a => a.Key == key).Value;

    private void Configure(OtlpExporterOptions options, OtlpExportProtocol protocol, string path)
    {
        options.Protocol = protocol;
        options.Endpoint = protocol == OtlpExportProtocol.Grpc ? _host.GrpcAddress : new Uri(_host.HttpAddress, path);
        options.ExportProcessorType = ExportProcessorType.Simple;
        options.TimeoutMilliseconds = FlushTimeoutMilliseconds;
    }
}
