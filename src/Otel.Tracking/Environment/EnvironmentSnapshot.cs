using System.Diagnostics;
using Otel.Tracking.Diagnostics;

namespace Otel.Tracking.EnvironmentCapture;

/// <summary>
/// Everything the SDK captures about the process, once per process (git alone can take tens of milliseconds).
/// Each part is captured on its own, so one failing part costs only its own attributes; nothing throws.
/// </summary>
internal static class EnvironmentSnapshot
{
    private static readonly Lazy<IReadOnlyList<KeyValuePair<string, object>>> ProcessAttributes =
        new(() => Capture(EnvironmentSources.System, () => GitSnapshot.Current));

    /// <summary>The attributes of this process, captured on first use.</summary>
    public static IReadOnlyList<KeyValuePair<string, object>> Current => ProcessAttributes.Value;

    /// <summary>How long the last capture took (for the SDK's own diagnostics and tests).</summary>
    internal static TimeSpan LastCaptureTime { get; private set; }

    internal static IReadOnlyList<KeyValuePair<string, object>> Capture(EnvironmentSources sources, Func<GitSnapshot> git)
    {
        var stopwatch = Stopwatch.StartNew();

        // In sequence on the caller's thread: git takes a few milliseconds per call, and blocking thread-pool
        // threads on child processes could starve the pool of a host that builds its pipeline from async code.
        var all = new ResourceAttributes();
        all.AddRange(Part("git", () =>
        {
            var attributes = new ResourceAttributes();
            git().AddTo(attributes);
            return attributes;
        }));
        all.AddRange(Part("ci", () => CiDetector.Detect(sources.Variable)));
        all.AddRange(Part("container", () => ContainerDetector.Detect(sources)));
        all.AddRange(Part("host", () => HostDetector.Detect(sources)));
        all.AddRange(Part("process", ProcessDetector.Detect));

        LastCaptureTime = stopwatch.Elapsed;
        TrackingEventSource.Log.EnvironmentCaptured(all.Items.Count, (long)LastCaptureTime.TotalMilliseconds);
        return all.Items;
    }

    private static ResourceAttributes Part(string name, Func<ResourceAttributes> capture)
    {
        try
        {
            return capture();
        }
        catch (Exception exception)
        {
            TrackingEventSource.Log.CaptureFailed(name, exception);
            return new ResourceAttributes();
        }
    }
}
