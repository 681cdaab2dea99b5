namespace Otel.Tracking;

/// <summary>How a run ended; sent as <c>ml.run.status</c> on the <c>ml.run</c> span.</summary>
public enum RunStatus
{
    /// <summary>The run completed (FINISHED). The default when a run is disposed without <see cref="MlRun.End"/>.</summary>
    Finished,

    /// <summary>The run failed (FAILED): its body threw, or the process had an unhandled exception.</summary>
    Failed,

    /// <summary>The run was stopped from outside (KILLED): Ctrl+C or SIGTERM.</summary>
    Killed,
}
