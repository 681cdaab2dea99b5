using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using Otel.Collector.Ingest;

namespace Otel.Collector.Telemetry;

/// <summary>
/// Counts the items of every client request that reaches ingest, accepted or refused and why, around the one ingest
/// path both receivers use. The collector's export of its own metrics calls the undecorated ingest, so it is not
/// counted as client traffic (docs/self-monitoring.md).
/// </summary>
internal sealed class MeteredOtlpIngest(IOtlpIngest inner, CollectorMeter meter) : IOtlpIngest
{
    public ValueTask<IngestResult> IngestTracesAsync(TraceExport request, CancellationToken cancellationToken) =>
        CountAsync(OtlpSignals.Traces, OtlpItemCounts.Of(request.Request), inner.IngestTracesAsync(request, cancellationToken));

    public ValueTask<IngestResult> IngestMetricsAsync(ExportMetricsServiceRequest request, CancellationToken cancellationToken) =>
        CountAsync(OtlpSignals.Metrics, OtlpItemCounts.Of(request), inner.IngestMetricsAsync(request, cancellationToken));

    public ValueTask<IngestResult> IngestLogsAsync(ExportLogsServiceRequest request, CancellationToken cancellationToken) =>
        CountAsync(OtlpSignals.Logs, OtlpItemCounts.Of(request), inner.IngestLogsAsync(request, cancellationToken));

    private async ValueTask<IngestResult> CountAsync(string signal, long items, ValueTask<IngestResult> ingest)
    {
        IngestResult result;
        try
        {
            result = await ingest;
        }
        catch (OperationCanceledException)
        {
            // Ingest is cancelled only while waiting for the answer, after the rows were spooled: they will be stored.
            meter.ItemsIngested(signal, items, 0, null);
            throw;
        }
        catch
        {
            meter.ItemsIngested(signal, 0, items, "error");
            throw;
        }

        switch (result.Outcome)
        {
            case IngestOutcome.Accepted:
                meter.ItemsIngested(signal, items - result.Rejected, result.Rejected, "invalid");
                break;
            case IngestOutcome.Throttled:
                meter.ItemsIngested(signal, 0, items, "throttled");
                break;
            default:
                meter.ItemsIngested(signal, 0, items, "unavailable");
                break;
        }

        return result;
    }
}
