namespace Otel.Collector.Pipeline;

/// <summary>How the exporter spools, batches rows into ClickHouse, and how much it holds before pushing back.</summary>
internal sealed class ExportPipelineOptions
{
    /// <summary>
    /// Directory of the write-ahead spool: every accepted request is written and fsynced here before it is
    /// acknowledged. Required; <c>serve</c> uses <c>DATA/spool</c>.
    /// </summary>
    public string SpoolDirectory { get; set; } = string.Empty;

    /// <summary>Bytes spooled but not yet in ClickHouse; beyond it requests are pushed back (429, or 503 while storage fails). Default 1 GiB.</summary>
    public long MaxSpoolBytes { get; set; } = 1L << 30;

    /// <summary>A new spool segment file is started past this size. Default 64 MiB.</summary>
    public long SpoolSegmentBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>fsync the spool before acknowledging. Default true; off survives a process crash but not a power loss.</summary>
    public bool SpoolFsync { get; set; } = true;

    /// <summary>
    /// When true a request is acknowledged as soon as it is spooled. When false (default) it is acknowledged once
    /// it is in ClickHouse, so what an exporter was told is stored can be queried at once; while ClickHouse is
    /// failing, requests are acknowledged once spooled either way.
    /// </summary>
    public bool AcknowledgeWhenSpooled { get; set; }

    /// <summary>Longest time a row waits for its batch to fill. Default 200 ms.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A batch is written as soon as it holds this many rows. Default 200,000.</summary>
    public int MaxBatchRows { get; set; } = 200_000;

    /// <summary>
    /// A batch holding at least this many rows is written as soon as nothing more waits in the spool, without waiting
    /// for <see cref="FlushInterval"/>: under load the next batch fills while this one is inserted. Smaller batches (a
    /// trickle of small requests) wait for the flush interval, so inserts stay large and few. Default 10,000.
    /// </summary>
    public int EagerBatchRows { get; set; } = 10_000;

    /// <summary>A batch is written as soon as it holds this many encoded bytes. Default 32 MiB.</summary>
    public long MaxBatchBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Encoded bytes of requests accepted but not yet answered (held in memory); beyond it requests are throttled (429 / UNAVAILABLE). Default 256 MiB.</summary>
    public long MaxPendingBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Retry-After sent with a throttled or unavailable response. Default 1 s.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest pause between attempts to store a batch while ClickHouse fails. Default 5 s.</summary>
    public TimeSpan MaxStoreRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
