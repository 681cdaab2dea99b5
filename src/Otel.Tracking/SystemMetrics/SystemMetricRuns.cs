using Otel.Tracking.Lifecycle;

namespace Otel.Tracking.SystemMetrics;

/// <summary>
/// The active runs that report system metrics: those of trackers with <see cref="MlTrackingOptions.SystemMetrics"/> on,
/// unless <c>OTEL_TRACK_SYSTEM_METRICS=false</c> turns them off for the whole process.
/// </summary>
internal static class SystemMetricRuns
{
    private static readonly bool DisabledByEnvironment = IsOff(System.Environment.GetEnvironmentVariable(SystemMetricNames.DisableVariable));

    public static List<MlRun> Active()
    {
        var runs = new List<MlRun>();
        if (DisabledByEnvironment)
        {
            return runs;
        }

        foreach (var tracking in TrackerRegistry.Snapshot())
        {
            if (tracking.Options.SystemMetrics)
            {
                runs.AddRange(tracking.ActiveRuns());
            }
        }

        return runs;
    }

    /// <summary><c>false</c>, <c>0</c>, <c>off</c> or <c>none</c>, in any case, turn system metrics off.</summary>
    internal static bool IsOff(string? value) =>
        value?.Trim().ToUpperInvariant() is "FALSE" or "0" or "OFF" or "NONE";
}
