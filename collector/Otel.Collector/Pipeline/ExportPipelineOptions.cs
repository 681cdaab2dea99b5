namespace Otel.Collector.Pipeline;

/// <summary>How the exporter batches rows into ClickHouse and how much it holds before pushing back.</summary>
internal sealed class ExportPipelineOptions
{
    /// <summary>Longest time a row waits for its batch to fill. Default 200 ms.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A batch is written as soon as it holds this many rows. Default 200,000.</summary>
    public int MaxBatchRows { get; set; } = 200_000;

    /// <summary>A batch is written as soon as it holds this many encoded bytes. Default 32 MiB.</summary>
    public long MaxBatchBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Encoded bytes accepted but not yet written; beyond it requests are throttled (429 / UNAVAILABLE). Default 256 MiB.</summary>
    public long MaxPendingBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Retry-After sent with a throttled or unavailable response. Default 1 s.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
