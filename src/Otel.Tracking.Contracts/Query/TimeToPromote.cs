using System.Text.Json.Serialization;

namespace Otel.Tracking.Query;

/// <summary>
/// The seeds' M4, time to promote: for each registered version ever moved to the alias <c>production</c>, the time
/// from its run's end to that alias's first move to it. Percentiles are null when no version has been promoted.
/// </summary>
public sealed record TimeToPromote(
    [property: JsonPropertyName("versions")] long Versions,
    [property: JsonPropertyName("p50Seconds")] double? P50Seconds,
    [property: JsonPropertyName("p90Seconds")] double? P90Seconds,
    [property: JsonPropertyName("maxSeconds")] double? MaxSeconds);
