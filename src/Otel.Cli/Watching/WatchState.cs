using Otel.Tracking;
using Otel.Tracking.Query;

namespace Otel.Cli.Watching;

/// <summary>What one poll of a watched run saw: its progress, the curves fetched so far, the step rate, and when.</summary>
internal sealed record WatchState(RunProgress Progress, IReadOnlyDictionary<string, IReadOnlyList<double>> Curves, double? StepsPerSecond, DateTimeOffset Now)
{
    public bool Ended => Progress.Status != MlSemanticConventions.Status.Running;

    /// <summary>
    /// The most advanced metric the run logged, whose steps stand for the run's (OpenTelemetry metrics such as system
    /// metrics are stepped by unix second, so they never lead).
    /// </summary>
    public MetricProgress? Lead => Progress.Metrics.Values.Where(m => m.Source == MetricProgress.EventSource).MaxBy(m => m.LastStep);

    /// <summary>Steps done: the lead metric's steps from its first (so runs counting from 0 or from 1 both reach the total).</summary>
    public long Done => Lead is { } lead ? lead.LastStep - lead.FirstStep + 1 : 0;

    public double? SecondsLeft => Ended ? null : StepRate.SecondsLeft(Done, Progress.TotalSteps, StepsPerSecond);

    /// <summary>Fraction of the declared steps done (0–1), or null when the run declared none.</summary>
    public double? Fraction => Progress.TotalSteps is { } total ? Math.Clamp((double)Done / total, 0, 1) : null;

    public TimeSpan Elapsed => (Progress.EndTime ?? Now) - Progress.StartTime;
}
