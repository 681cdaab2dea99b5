using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests.MLNet;

/// <summary>Every metric point and attribute a captured run sent, read back from its spans.</summary>
internal static class RunPoints
{
    public static IReadOnlyList<(string Key, double Value, long Step)> Metrics(SpanCapture capture) =>
        [.. capture.Named(MlSemanticConventions.RunMetricsSpan).SelectMany(chunk =>
        {
            var (keys, values, steps, _) = chunk.MetricArrays();
            return keys.Select((key, i) => (key, values[i], steps[i]));
        })];

    public static double Single(SpanCapture capture, string key) => Assert.Single(Metrics(capture), p => p.Key == key).Value;

    public static object? Param(SpanCapture capture, string key) =>
        capture.Single(MlSemanticConventions.RunSpan).Tag(MlSemanticConventions.ParamPrefix + key);

    public static object? Tag(SpanCapture capture, string key) =>
        capture.Single(MlSemanticConventions.RunSpan).Tag(MlSemanticConventions.TagPrefix + key);
}
