using System.Text.Json.Serialization;

namespace Otel.Tracking.Query;

/// <summary>One row of <c>/api/leaderboard</c>: a run ranked by its latest value of the metric.</summary>
public sealed record LeaderboardEntry(
    [property: JsonPropertyName("rank")] int Rank,
    [property: JsonPropertyName("runId")] string RunId,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("step")] long Step)
{
    /// <summary>The run's name, so that a leaderboard reads without a second call.</summary>
    [JsonPropertyName("runName")] public string RunName { get; init; } = string.Empty;
}

/// <summary>One bucket of <c>/api/runs/{id}/history</c>; <see cref="Points"/> distinct points fell into it.</summary>
public sealed record DownsampledPoint(
    [property: JsonPropertyName("step")] long Step,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("max")] double Max,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("points")] long Points);
