namespace Otel.Tracking.Lifecycle;

/// <summary>
/// Every live tracker of the process, for the process hooks and the per-run process metrics. The hooks are
/// installed once, when the first tracker registers, and stay for the life of the process.
/// </summary>
internal static class TrackerRegistry
{
    private static readonly Lock Sync = new();
    private static readonly List<MlTracking> Trackers = [];

    public static void Register(MlTracking tracking)
    {
        lock (Sync)
        {
            Trackers.Add(tracking);
        }

        ProcessHooks.EnsureInstalled(tracking.Options.HandleTerminationSignals);
    }

    public static void Unregister(MlTracking tracking)
    {
        lock (Sync)
        {
            Trackers.Remove(tracking);
        }
    }

    public static IReadOnlyList<MlTracking> Snapshot()
    {
        lock (Sync)
        {
            return [.. Trackers];
        }
    }

    public static List<MlRun> ActiveRuns()
    {
        var runs = new List<MlRun>();
        foreach (var tracking in Snapshot())
        {
            runs.AddRange(tracking.ActiveRuns());
        }

        return runs;
    }
}
