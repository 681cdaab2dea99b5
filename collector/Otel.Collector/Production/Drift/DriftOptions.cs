namespace Otel.Collector.Production.Drift;

/// <summary>The drift job and the defaults of on-demand drift (docs/drift.md); <c>serve --drift-*</c> flags.</summary>
internal sealed class DriftOptions
{
    /// <summary>Time between two runs of the drift job (<c>--drift-interval</c>, seconds). Default 60 s, from 1 s to 1 h.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Thresholds of the job, and of the API when a request names none (<c>--drift-warn-psi</c>, <c>--drift-psi</c>,
    /// <c>--drift-min-count</c>). Default <see cref="DriftThresholds.Default"/>.
    /// </summary>
    public DriftThresholds Thresholds { get; set; } = DriftThresholds.Default;

    /// <summary>
    /// The windows the job keeps and how often each is recomputed (its end is a multiple of the step): 15 minutes for
    /// alerting soon after a shift, 1 hour for a steadier reading, 1 day for slow drift and daily cycles. The longer
    /// windows change little from one minute to the next, so they are recomputed less often, which bounds the job's cost
    /// (docs/benchmarks.md, "Drift"). Not a flag: dashboards and alert rules are written for these windows.
    /// </summary>
    public IReadOnlyList<(ServingWindow Window, TimeSpan Step)> Windows { get; set; } =
    [
        (ServingWindow.FifteenMinutes, TimeSpan.FromMinutes(1)),
        (ServingWindow.OneHour, TimeSpan.FromMinutes(5)),
        (ServingWindow.OneDay, TimeSpan.FromMinutes(15)),
    ];

    /// <summary>Every problem, each naming its serve flag.</summary>
    public IEnumerable<string> Validate()
    {
        if (Interval < TimeSpan.FromSeconds(1) || Interval > TimeSpan.FromHours(1))
        {
            yield return $"--drift-interval {Interval.TotalSeconds:0.###} s is out of range: give seconds between 1 and 3600";
        }

        foreach (var error in Thresholds.Validate(ServeFlag))
        {
            yield return error;
        }
    }

    private static string ServeFlag(string property) => property switch
    {
        nameof(DriftThresholds.WarnPsi) => "--drift-warn-psi",
        nameof(DriftThresholds.DriftPsi) => "--drift-psi",
        _ => "--drift-min-count",
    };
}
