using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Logs.V1;
using Otel.Collector.Ingest;
using Otel.Collector.Redaction;
using Otel.Collector.Telemetry;
using Otel.Collector.Tests.Receivers;

namespace Otel.Collector.Tests.Telemetry;

/// <summary>The item counts around ingest, for each outcome ingest can give.</summary>
public sealed class MeteredOtlpIngestTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly CollectorMeter _meter;
    private readonly InstrumentRecorder _recorded;

    public MeteredOtlpIngestTests()
    {
        _meter = new CollectorMeter(_services.GetRequiredService<IMeterFactory>(), SecretRedactor.CreateDefault());
        _recorded = new InstrumentRecorder(_meter.Meter);
    }

    public void Dispose()
    {
        _recorded.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task IngestLogs_PartialSuccess_AcceptedAndInvalidCountedApart()
    {
        var ingest = new MeteredOtlpIngest(new FakeOtlpIngest { Result = IngestResult.Partial(1, "one bad record") }, _meter);

        await ingest.IngestLogsAsync(Logs(3), CancellationToken.None);

        Assert.Equal(2, _recorded.Sum(CollectorMeter.ItemsAccepted, ("signal", "logs")));
        Assert.Equal(1, _recorded.Sum(CollectorMeter.ItemsRefused, ("reason", "invalid"), ("signal", "logs")));
    }

    [Fact]
    public async Task IngestLogs_Throttled_EveryItemRefused()
    {
        var ingest = new MeteredOtlpIngest(new FakeOtlpIngest { Result = IngestResult.Throttle(TimeSpan.FromSeconds(1), "busy") }, _meter);

        await ingest.IngestLogsAsync(Logs(4), CancellationToken.None);

        Assert.Equal(0, _recorded.Sum(CollectorMeter.ItemsAccepted, ("signal", "logs")));
        Assert.Equal(4, _recorded.Sum(CollectorMeter.ItemsRefused, ("reason", "throttled"), ("signal", "logs")));
    }

    [Fact]
    public async Task IngestLogs_Throws_RefusedAsErrorAndRethrown()
    {
        var ingest = new MeteredOtlpIngest(new FailingIngest(new InvalidOperationException("bug")), _meter);

        await Assert.ThrowsAsync<InvalidOperationException>(() => ingest.IngestLogsAsync(Logs(2), CancellationToken.None).AsTask());

        Assert.Equal(2, _recorded.Sum(CollectorMeter.ItemsRefused, ("reason", "error"), ("signal", "logs")));
    }

    [Fact]
    public async Task IngestLogs_ClientGaveUpAfterSpooling_CountedAccepted()
    {
        var ingest = new MeteredOtlpIngest(new FailingIngest(new OperationCanceledException()), _meter);

        await Assert.ThrowsAsync<OperationCanceledException>(() => ingest.IngestLogsAsync(Logs(2), CancellationToken.None).AsTask());

        Assert.Equal(2, _recorded.Sum(CollectorMeter.ItemsAccepted, ("signal", "logs")));
    }

    private static ExportLogsServiceRequest Logs(int records)
    {
        var scope = new ScopeLogs();
        scope.LogRecords.Add(Enumerable.Range(0, records).Select(i => new LogRecord { TimeUnixNano = (ulong)i + 1 }));
        return new ExportLogsServiceRequest { ResourceLogs = { new ResourceLogs { ScopeLogs = { scope } } } };
    }

    private sealed class FailingIngest(Exception failure) : IOtlpIngest
    {
        public ValueTask<IngestResult> IngestTracesAsync(TraceExport request, CancellationToken cancellationToken) => ValueTask.FromException<IngestResult>(failure);

        public ValueTask<IngestResult> IngestMetricsAsync(ExportMetricsServiceRequest request, CancellationToken cancellationToken) => ValueTask.FromException<IngestResult>(failure);

        public ValueTask<IngestResult> IngestLogsAsync(ExportLogsServiceRequest request, CancellationToken cancellationToken) => ValueTask.FromException<IngestResult>(failure);
    }
}
