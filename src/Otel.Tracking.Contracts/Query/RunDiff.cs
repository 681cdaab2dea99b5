using System.Text.Json.Serialization;

namespace Otel.Tracking.Query;

/// <summary>Two values of one thing in runs A and B; null where a run has none.</summary>
public sealed record ValuePair(
    [property: JsonPropertyName("a")] string? A,
    [property: JsonPropertyName("b")] string? B);

public sealed record MetricPair(
    [property: JsonPropertyName("a")] double? A,
    [property: JsonPropertyName("b")] double? B,
    [property: JsonPropertyName("delta")] double? Delta);

/// <summary>
/// <c>runs diff A B</c> on one screen: code, environment, data, config and final metrics; only what
/// differs unless every value was asked for.
/// </summary>
public sealed record RunDiff(
    [property: JsonPropertyName("a")] string A,
    [property: JsonPropertyName("b")] string B,
    [property: JsonPropertyName("code")] IReadOnlyDictionary<string, ValuePair> Code,
    [property: JsonPropertyName("environment")] IReadOnlyDictionary<string, ValuePair> Environment,
    [property: JsonPropertyName("packages")] IReadOnlyDictionary<string, ValuePair> Packages,
    [property: JsonPropertyName("data")] IReadOnlyDictionary<string, ValuePair> Data,
    [property: JsonPropertyName("config")] IReadOnlyDictionary<string, ValuePair> Config,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, MetricPair> Metrics,
    [property: JsonPropertyName("identical")] bool Identical);
