namespace Otel.Collector.Runs;

/// <summary>When a run whose process vanished is marked LOST.</summary>
internal sealed class LostRunOptions
{
    /// <summary>A RUNNING run not heard from for this long is marked LOST. Default 300 s (<c>--lost-after</c>).</summary>
    public TimeSpan LostAfter { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>How often to look for lost runs. Default: a quarter of <see cref="LostAfter"/>, at most 30 s, at least 1 s.</summary>
    public TimeSpan? SweepInterval { get; set; }

    public TimeSpan EffectiveSweepInterval => SweepInterval
        ?? TimeSpan.FromTicks(Math.Clamp(LostAfter.Ticks / 4, TimeSpan.FromSeconds(1).Ticks, TimeSpan.FromSeconds(30).Ticks));
}
