using Otel.Collector.Sinks.Rows;
using Otel.Collector.Ingest;
using Otel.Collector.Pipeline;

namespace Otel.Collector.Jobs;

/// <summary>A job's rows go through the same spool, shipper and deduplication tokens as ingested data.</summary>
internal static class JobWrites
{
    /// <summary>Writes <paramref name="batch"/> (taking ownership) and throws when the pipeline did not accept it, so the job retries.</summary>
    /// <exception cref="InvalidOperationException">The pipeline is full, shutting down, or cannot spool.</exception>
    public static async Task WriteAsync(this ExportPipeline pipeline, string job, RowBatch batch, CancellationToken cancellationToken)
    {
        if (batch.TotalRows == 0)
        {
            batch.Dispose();
            return;
        }

        var result = await pipeline.WriteAsync(batch, cancellationToken);
        if (result.Outcome != IngestOutcome.Accepted)
        {
            throw new InvalidOperationException($"job {job} could not write its rows: {result.Message}");
        }
    }
}
