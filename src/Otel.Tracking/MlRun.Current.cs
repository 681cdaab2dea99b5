namespace Otel.Tracking;

/// <summary>The ambient run, for code that cannot be handed the run (a callback, a library's hook).</summary>
public sealed partial class MlRun
{
    private static readonly AsyncLocal<MlRun?> CurrentRun = new();

    // The run that was current when this one started, restored when this one ends.
    private readonly MlRun? _previousCurrent;

    /// <summary>
    /// The innermost active run of this async flow: set by <see cref="MlTracking.StartRun"/>,
    /// <see cref="MlTracking.ResumeRun"/> and the <c>Run</c>/<c>RunAsync</c> helpers, and restored to the run that was current
    /// before when it ends, so nested runs stack. Null outside any run. Like every <see cref="AsyncLocal{T}"/>, a run started
    /// inside an async method is current only until that method returns. A task or thread that started under a run and
    /// outlives it gets the nearest enclosing run still active (or null), never an ended run.
    /// </summary>
    public static MlRun? Current => NearestActive(CurrentRun.Value);

    /// <summary>On end, in the ending flow: the nearest enclosing run still active becomes current again.</summary>
    private void RestoreCurrent()
    {
        if (!ReferenceEquals(CurrentRun.Value, this))
        {
            return;
        }

        CurrentRun.Value = NearestActive(_previousCurrent);
    }

    // Other flows (tasks, threads) captured the AsyncLocal before the run ended and cannot be reset from here, so the
    // ended runs are skipped when it is read.
    private static MlRun? NearestActive(MlRun? run)
    {
        while (run is not null && run.Status is not null)
        {
            run = run._previousCurrent;
        }

        return run;
    }
}
