namespace Otel.Collector.Runs.Lifecycle;

/// <summary>When deleted runs are purged (docs/run-lifecycle.md).</summary>
internal sealed class RunLifecycleOptions
{
    /// <summary>
    /// How long a deleted run stays restorable before the purge job removes its data. Default 30 days
    /// (<c>serve --purge-after-days</c>); at least 0 (purge on the next pass).
    /// </summary>
    public TimeSpan PurgeGrace { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the purge job looks for deleted runs past their grace. Default 10 minutes.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many runs per pass, so a pass ends well within its lease; the next pass takes the rest. Default 50.</summary>
    public int MaxRunsPerPass { get; set; } = 50;
}
