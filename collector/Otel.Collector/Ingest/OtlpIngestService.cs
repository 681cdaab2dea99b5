using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Export;
using Otel.Collector.Mapping;
using Otel.Collector.Pipeline;
using Otel.Collector.Provenance;
using Otel.Collector.Time;

namespace Otel.Collector.Ingest;

/// <summary>Validates and maps each request to rows on the caller's thread, then hands them to the export pipeline.</summary>
internal sealed class OtlpIngestService(
    ExportPipeline pipeline,
    TimeProvider time,
    MappingContext? context = null,
    CompletenessJob? completeness = null) : IOtlpIngest
{
    private readonly MappingContext _context = context ?? MappingContext.Default;

    public ValueTask<IngestResult> IngestTracesAsync(ExportTraceServiceRequest request, CancellationToken cancellationToken)
    {
        var receivedAt = time.NowNanos();
        return StoreAsync(batch => TraceRowMapper.Map(request, batch, receivedAt, _context), cancellationToken);
    }

    public ValueTask<IngestResult> IngestMetricsAsync(ExportMetricsServiceRequest request, CancellationToken cancellationToken) =>
        StoreAsync(batch => MetricRowMapper.Map(request, batch, _context.Redactor), cancellationToken);

    public ValueTask<IngestResult> IngestLogsAsync(ExportLogsServiceRequest request, CancellationToken cancellationToken) =>
        StoreAsync(batch => LogRowMapper.Map(request, batch, _context.Redactor), cancellationToken);

    private async ValueTask<IngestResult> StoreAsync(Func<RowBatch, MapResult> map, CancellationToken cancellationToken)
    {
        var batch = new RowBatch();
        MapResult mapped;
        try
        {
            mapped = map(batch);
            RunChangeRows.Write(batch, mapped.ChangedRuns);
        }
        catch
        {
            batch.Dispose();
            throw;
        }

        if (batch.TotalRows == 0)
        {
            batch.Dispose();
        }
        else
        {
            var stored = await pipeline.WriteAsync(batch, cancellationToken);
            if (stored.Outcome != IngestOutcome.Accepted)
            {
                return stored;
            }
        }

        completeness?.Notify(mapped.ChangedRuns);
        return mapped.Rejected > 0 ? IngestResult.Partial(mapped.Rejected, mapped.Message!) : IngestResult.Ok;
    }
}
