namespace Otel.Collector.Retention;

/// <summary>How often retention policies are enforced (docs/run-lifecycle.md, "Retention").</summary>
internal sealed class RetentionOptions
{
    /// <summary>Time between two passes of the retention job. Default 1 hour: policies are in days.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
