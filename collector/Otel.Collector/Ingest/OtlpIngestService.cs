using OpenTelemetry.Proto.Collector.Logs.V1;
using Otel.Collector.ClickHouse;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using Otel.Collector.Ingest.Decoding;
using Otel.Collector.Model;
using Otel.Collector.Pipeline;
using Otel.Collector.Processors;
using Otel.Collector.Provenance;
using Otel.Collector.Sinks;
using Otel.Collector.Sinks.Rows;
using Otel.Collector.Time;

namespace Otel.Collector.Ingest;

/// <summary>
/// On the caller's thread: decodes each request into an <see cref="IngestBatch"/>, runs the processor chain over it,
/// refuses param values that would change a run's params (<see cref="ParamConflicts"/>), lets the sinks encode its rows, and hands them to the export pipeline; completeness hears of the changed runs once
/// their rows are stored.
/// </summary>
internal sealed class OtlpIngestService(
    ExportPipeline pipeline,
    TimeProvider time,
    IReadOnlyList<IIngestProcessor>? processors = null,
    CompletenessJob? completeness = null,
    IClickHouseStore? store = null) : IOtlpIngest
{
    private readonly IReadOnlyList<IIngestProcessor> _processors = processors ?? IngestProcessors.Default;
    private readonly ParamConflicts _paramConflicts = new(store);

    public ValueTask<IngestResult> IngestTracesAsync(TraceExport request, CancellationToken cancellationToken) =>
        StoreAsync(TraceDecoder.Decode(request, time.NowNanos()), cancellationToken);

    public ValueTask<IngestResult> IngestMetricsAsync(ExportMetricsServiceRequest request, CancellationToken cancellationToken) =>
        StoreAsync(MetricDecoder.Decode(request, time.NowNanos()), cancellationToken);

    public ValueTask<IngestResult> IngestLogsAsync(ExportLogsServiceRequest request, CancellationToken cancellationToken) =>
        StoreAsync(LogDecoder.Decode(request, time.NowNanos()), cancellationToken);

    private async ValueTask<IngestResult> StoreAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        _processors.Run(batch);
        await _paramConflicts.RefuseAsync(batch, cancellationToken);
        var rows = new RowBatch();
        try
        {
            IngestSinks.All.WriteAll(batch, rows);
        }
        catch
        {
            rows.Dispose();
            throw;
        }

        if (rows.TotalRows == 0)
        {
            rows.Dispose();
        }
        else
        {
            var stored = await pipeline.WriteAsync(rows, cancellationToken);
            if (stored.Outcome != IngestOutcome.Accepted)
            {
                return stored;
            }
        }

        completeness?.Notify(batch.ChangedRuns);
        var tally = batch.Tally;
        return tally.Rejected > 0 ? IngestResult.Partial(tally.Rejected, tally.Message!) : IngestResult.Ok;
    }
}
