using System.Text.Json.Serialization;
using Otel.Tracking.Query;

namespace Otel.Cli.Reproduction;

/// <summary>The outcome of <c>reproduce --check</c>.</summary>
internal sealed record CheckResult(
    [property: JsonPropertyName("runId")] string RunId,
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("mismatches")] IReadOnlyList<string> Mismatches);

/// <summary>The outcome of <c>reproduce --run</c>: the new run and the metric deltas against the original.</summary>
internal sealed record RerunResult(
    [property: JsonPropertyName("original")] string Original,
    [property: JsonPropertyName("reproduction")] string Reproduction,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, MetricPair> Metrics,
    [property: JsonPropertyName("withinTolerance")] bool WithinTolerance,
    [property: JsonPropertyName("tolerance")] double Tolerance);
