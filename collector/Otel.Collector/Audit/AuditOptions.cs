namespace Otel.Collector.Audit;

/// <summary>How the audit sequencer runs (docs/audit.md).</summary>
internal sealed class AuditOptions
{
    /// <summary>Time between two passes of the sequencer on the lease holder; an entry recorded on the holder wakes it at once. Default 1 s.</summary>
    public TimeSpan SequenceInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most entries numbered in one pass; the rest wait for the next. Default 5,000.</summary>
    public int MaxEntriesPerRun { get; set; } = 5_000;

    /// <summary>How often, at most, denied requests are written as aggregated entries (one per key or address and minute). Default 10 s.</summary>
    public TimeSpan DenialFlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most distinct keys or addresses recorded per minute; denials from any more are counted under actor <c>remote:other</c>. Default 100.</summary>
    public int MaxDenialSubjectsPerMinute { get; set; } = 100;
}
