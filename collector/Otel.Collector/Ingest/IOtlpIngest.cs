using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;

namespace Otel.Collector.Ingest;

/// <summary>
/// The one transport-agnostic ingest path: the gRPC and HTTP receivers decode a request and hand
/// it here; the outcome tells them which OTLP response or status to send.
/// </summary>
internal interface IOtlpIngest
{
    ValueTask<IngestResult> IngestTracesAsync(TraceExport request, CancellationToken cancellationToken);

    ValueTask<IngestResult> IngestMetricsAsync(ExportMetricsServiceRequest request, CancellationToken cancellationToken);

    ValueTask<IngestResult> IngestLogsAsync(ExportLogsServiceRequest request, CancellationToken cancellationToken);
}
