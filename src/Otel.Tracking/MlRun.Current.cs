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
    /// inside an async method is current only until that method returns.
    /// </summary>
    public static MlRun? Current => CurrentRun.Value;

    /// <summary>On end, in the ending flow: the nearest enclosing run still active becomes current again.</summary>
    private void RestoreCurrent()
    {
        if (!ReferenceEquals(CurrentRun.Value, this))
        {
            return;
        }

        var previous = _previousCurrent;
        while (previous is not null && previous.Status is not null)
        {
            previous = previous._previousCurrent;
        }

        CurrentRun.Value = previous;
    }
}
