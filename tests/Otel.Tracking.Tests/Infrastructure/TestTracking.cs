using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Otel.Tracking.Tests.Infrastructure;

/// <summary>Trackers on fake time, without process signal handlers, plus readers for span data.</summary>
internal static class TestTracking
{
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider NewTime() => new(Start);

    public static MlTracking Create(TimeProvider time, Action<MlTrackingOptions>? configure = null)
    {
        // The diff of whatever checkout the tests run in is not theirs to upload.
        var options = new MlTrackingOptions { HandleTerminationSignals = false, CaptureGitDiff = false };
        configure?.Invoke(options);
        return new MlTracking(options, time, ownedTracerProvider: null, ownedMeterProvider: null);
    }

    public static long UnixNanos(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks * 100;

    public static object? Tag(this Activity activity, string key) => activity.GetTagItem(key);

    /// <summary>The single ml.metrics event of a chunk span (params logged meanwhile ride beside it), as its four parallel arrays.</summary>
    public static (string[] Keys, double[] Values, long[] Steps, long[] Timestamps) MetricArrays(this Activity chunk)
    {
        var metricsEvent = Assert.Single(chunk.Events, e => e.Name == MlSemanticConventions.MetricsEvent);
        var tags = metricsEvent.Tags.ToDictionary(t => t.Key, t => t.Value);
        return (
            Assert.IsType<string[]>(tags[MlSemanticConventions.MetricKeys]),
            Assert.IsType<double[]>(tags[MlSemanticConventions.MetricValues]),
            Assert.IsType<long[]>(tags[MlSemanticConventions.MetricSteps]),
            Assert.IsType<long[]>(tags[MlSemanticConventions.MetricTimestamps]));
    }
}
