using System.Collections.Concurrent;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Ingest;

namespace Otel.Collector.Tests.Receivers;

/// <summary>Records every request it is handed and answers with <see cref="Result"/>.</summary>
internal sealed class FakeOtlpIngest : IOtlpIngest
{
    public ConcurrentQueue<ExportTraceServiceRequest> Traces { get; } = new();

    /// <summary>The trace exports as handed over, with the batched metric arrays read from the bytes.</summary>
    public ConcurrentQueue<TraceExport> TraceExports { get; } = new();

    public ConcurrentQueue<ExportMetricsServiceRequest> Metrics { get; } = new();

    public ConcurrentQueue<ExportLogsServiceRequest> Logs { get; } = new();

    public IngestResult Result { get; set; } = IngestResult.Ok;

    public void Reset()
    {
        Traces.Clear();
        TraceExports.Clear();
        Metrics.Clear();
        Logs.Clear();
        Result = IngestResult.Ok;
    }

    public ValueTask<IngestResult> IngestTracesAsync(TraceExport request, CancellationToken cancellationToken)
    {
        Traces.Enqueue(request.Request);
        TraceExports.Enqueue(request);
        return ValueTask.FromResult(Result);
    }

    public ValueTask<IngestResult> IngestMetricsAsync(ExportMetricsServiceRequest request, CancellationToken cancellationToken)
    {
        Metrics.Enqueue(request);
        return ValueTask.FromResult(Result);
    }

    public ValueTask<IngestResult> IngestLogsAsync(ExportLogsServiceRequest request, CancellationToken cancellationToken)
    {
        Logs.Enqueue(request);
        return ValueTask.FromResult(Result);
    }
}
