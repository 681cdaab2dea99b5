using Otel.Tracking;
using Otel.Tracking.Query;

namespace Otel.Cli.Watching;

/// <summary>What one poll of a watched run saw: its progress, the curves fetched so far, the step rate, and when.</summary>
internal sealed record WatchState(RunProgress Progress, IReadOnlyDictionary<string, IReadOnlyList<double>> Curves, double? StepsPerSecond, DateTimeOffset Now)
{
    public bool Ended => Progress.Status != MlSemanticConventions.Status.Running;

    /// <summary>Why the collector did not answer this poll (the rest is the last state it gave), or null when it did.</summary>
    public string? Unreachable { get; init; }

    /// <summary>
    /// The metric whose steps stand for the run's: the most advanced one the run logged itself (OpenTelemetry metrics
    /// such as system metrics are stepped by unix second, so they never lead). When the run declared its total steps,
    /// a metric that has counted past the total counts something finer (batches where the total counts epochs), so the
    /// lead is the most advanced of those within it; when none is within it, there is no lead for the total.
    /// </summary>
    public MetricProgress? Lead
    {
        get
        {
            var logged = Progress.Metrics.Values.Where(m => m.Source == MetricProgress.EventSource);
            return Progress.TotalSteps is { } total
                ? logged.Where(m => StepsOf(m) <= total).MaxBy(m => m.LastStep)
                : logged.MaxBy(m => m.LastStep);
        }
    }

    /// <summary>Steps done: the lead metric's steps from its first (so runs counting from 0 or from 1 both reach the total).</summary>
    public long Done => Lead is { } lead ? StepsOf(lead) : 0;

    public double? SecondsLeft => Ended || Fraction is null ? null : StepRate.SecondsLeft(Done, Progress.TotalSteps, StepsPerSecond);

    /// <summary>
    /// Fraction of the declared steps done (0–1), or null when the run declared none or every metric it logged is past
    /// the total (what they count is not what the total counts).
    /// </summary>
    public double? Fraction => Progress.TotalSteps is { } total && (Lead is not null || !LoggedAny)
        ? Math.Clamp((double)Done / total, 0, 1)
        : null;

    private bool LoggedAny => Progress.Metrics.Values.Any(m => m.Source == MetricProgress.EventSource);

    /// <summary>The steps from a metric's first to its last, saturating: steps are any 64-bit integers.</summary>
    private static long StepsOf(MetricProgress metric) =>
        (long)Int128.Clamp((Int128)metric.LastStep - metric.FirstStep + 1, 0, long.MaxValue);

    public TimeSpan Elapsed => (Progress.EndTime ?? Now) - Progress.StartTime;
}
