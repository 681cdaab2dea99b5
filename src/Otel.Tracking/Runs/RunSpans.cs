using System.Diagnostics;
using Otel.Tracking.Diagnostics;

namespace Otel.Tracking.Runs;

/// <summary>
/// Starts and stops the spans of a run with times from the run's TimeProvider and without leaving
/// <see cref="Activity.Current"/> changed: the SDK's spans must never adopt or re-parent the host's spans.
/// </summary>
internal static class RunSpans
{
    /// <summary>Starts a child of <paramref name="parent"/>; <see cref="Activity.Current"/> is left as it was.</summary>
    public static Activity? StartChild(string name, ActivityContext parent, IEnumerable<KeyValuePair<string, object?>> tags, DateTimeOffset start)
    {
        var previous = Activity.Current;
        try
        {
            return TrackingTelemetry.Source.StartActivity(name, ActivityKind.Internal, parent, tags, links: null, startTime: start);
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    /// <summary>Starts the <c>ml.run</c> span under the ambient span; it stays current only when asked to.</summary>
    public static Activity? StartRun(IEnumerable<KeyValuePair<string, object?>> tags, DateTimeOffset start, bool makeCurrent)
    {
        var previous = Activity.Current;
        Activity? activity = null;
        try
        {
            activity = TrackingTelemetry.Source.StartActivity(
                MlSemanticConventions.RunSpan, ActivityKind.Internal, parentContext: default, tags, links: null, startTime: start);
            return activity;
        }
        finally
        {
            if (!makeCurrent || activity is null)
            {
                Activity.Current = previous;
            }
        }
    }

    /// <summary>Ends a span at <paramref name="end"/>; <see cref="Activity.Current"/> is restored unless it was this span.</summary>
    public static void Stop(Activity activity, DateTimeOffset end)
    {
        var previous = Activity.Current;

        // A zero duration would make Activity.Stop measure with the wall clock instead; one tick keeps fake time intact.
        var minimumEnd = activity.StartTimeUtc.AddTicks(1);
        var endUtc = end.UtcDateTime;
        activity.SetEndTime(endUtc > minimumEnd ? endUtc : minimumEnd);
        try
        {
            activity.Stop();
        }
        finally
        {
            Activity.Current = ReferenceEquals(previous, activity) ? activity.Parent : previous;
        }
    }

    /// <summary>A span started and ended at once (<c>ml.run.start</c>, <c>ml.run.heartbeat</c>).</summary>
    public static Activity? Emit(string name, ActivityContext parent, IEnumerable<KeyValuePair<string, object?>> tags, DateTimeOffset time)
    {
        var activity = StartChild(name, parent, tags, time);
        if (activity is not null)
        {
            Stop(activity, time);
        }

        return activity;
    }
}
