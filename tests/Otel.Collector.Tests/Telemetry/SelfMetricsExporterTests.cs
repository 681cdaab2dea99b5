using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Resources;
using Otel.Collector.Ingest;
using Otel.Collector.Telemetry;
using Otel.Collector.Tests.Receivers;

namespace Otel.Collector.Tests.Telemetry;

/// <summary>The self-export alone: the SDK's metrics become the OTLP request ingest takes, and no failure escapes.</summary>
public sealed class SelfMetricsExporterTests : IDisposable
{
    private readonly Meter _meter = new(new MeterOptions("SelfMetricsExporterTests." + Guid.NewGuid().ToString("N")) { Version = "1.2.3" });

    public void Dispose() => _meter.Dispose();

    [Fact]
    public void Flush_CounterGaugeHistogram_OneOtlpRequestWithResourceScopeAndPoints()
    {
        var ingest = new FakeOtlpIngest();
        var storage = Storage(ingest);
        using var provider = Provider(storage);
        _meter.CreateCounter<long>("test.items", "{item}", "items").Add(3, new KeyValuePair<string, object?>("signal", "traces"));
        _meter.CreateObservableGauge("test.pending", () => 42L, "By");
        _meter.CreateHistogram("test.duration", "s", null, null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] }).Record(0.5);

        Assert.True(storage.Flush(TimeSpan.FromSeconds(30)));

        var resource = Assert.Single(Assert.Single(ingest.Metrics).ResourceMetrics);
        Assert.Contains(resource.Resource.Attributes, a => a.Key == "service.name" && a.Value.StringValue == CollectorTelemetry.ServiceName);
        var scope = Assert.Single(resource.ScopeMetrics);
        Assert.Equal((_meter.Name, "1.2.3"), (scope.Scope.Name, scope.Scope.Version));
        var items = scope.Metrics.Single(m => m.Name == "test.items");
        Assert.Equal(("{item}", "items", true), (items.Unit, items.Description, items.Sum.IsMonotonic));
        Assert.Equal(OpenTelemetry.Proto.Metrics.V1.AggregationTemporality.Cumulative, items.Sum.AggregationTemporality);
        var point = Assert.Single(items.Sum.DataPoints);
        Assert.Equal(3, point.AsInt);
        Assert.Equal(("signal", "traces"), (Assert.Single(point.Attributes).Key, point.Attributes[0].Value.StringValue));
        Assert.True(point.TimeUnixNano >= point.StartTimeUnixNano && point.StartTimeUnixNano > 0);
        Assert.Equal(42, Assert.Single(scope.Metrics.Single(m => m.Name == "test.pending").Gauge.DataPoints).AsInt);
        var histogram = Assert.Single(scope.Metrics.Single(m => m.Name == "test.duration").Histogram.DataPoints);
        Assert.Equal([0.1, 1], histogram.ExplicitBounds);
        Assert.Equal([0UL, 1UL, 0UL], histogram.BucketCounts);
        Assert.Equal((1UL, 0.5, 0.5, 0.5), (histogram.Count, histogram.Sum, histogram.Min, histogram.Max));
    }

    [Fact]
    public void Flush_IngestThrows_ReportsFailureWithoutThrowing()
    {
        var storage = Storage(new ThrowingIngest());
        using var provider = Provider(storage);
        _meter.CreateCounter<long>("test.items").Add(1);

        Assert.False(storage.Flush(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Flush_IngestThrottles_ReportsFailure()
    {
        var ingest = new FakeOtlpIngest { Result = IngestResult.Throttle(TimeSpan.FromSeconds(1), "busy") };
        var storage = Storage(ingest);
        using var provider = Provider(storage);
        _meter.CreateCounter<long>("test.items").Add(1);

        Assert.False(storage.Flush(TimeSpan.FromSeconds(30)));
        Assert.Single(ingest.Metrics);
    }

    [Fact]
    public void Flush_AfterStop_SkipsIngest()
    {
        var ingest = new FakeOtlpIngest();
        var storage = Storage(ingest);
        using var provider = Provider(storage);
        _meter.CreateCounter<long>("test.items").Add(1);

        storage.Exporter.Stop();

        Assert.True(storage.Flush(TimeSpan.FromSeconds(30)));
        Assert.Empty(ingest.Metrics);
    }

    private static SelfMetricsStorage Storage(IOtlpIngest ingest) =>
        new(ingest, NullLogger<SelfMetricsExporter>.Instance, TimeSpan.FromHours(1));

    private MeterProvider Provider(SelfMetricsStorage storage) => Sdk.CreateMeterProviderBuilder()
        .ConfigureResource(r => r.AddService(CollectorTelemetry.ServiceName))
        .AddMeter(_meter.Name)
        .AddReader(storage.Reader)
        .Build();

    private sealed class ThrowingIngest : IOtlpIngest
    {
        public ValueTask<IngestResult> IngestTracesAsync(TraceExport request, CancellationToken cancellationToken) => throw new InvalidOperationException("down");

        public ValueTask<IngestResult> IngestMetricsAsync(ExportMetricsServiceRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("down");

        public ValueTask<IngestResult> IngestLogsAsync(ExportLogsServiceRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("down");
    }
}
