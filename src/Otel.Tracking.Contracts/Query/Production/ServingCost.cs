using System.Text.Json.Serialization;

namespace Otel.Tracking.Query.Production;

/// <summary>
/// What serving a model version cost over a window: instance-hours (the minutes each instance reported) times the
/// hourly price of its resources, per 1,000 predictions (requests of <c>http.server.request.duration</c>).
/// <see cref="CostPer1000Predictions"/> is null, with <see cref="Reason"/>, when a resource has no price or there
/// were no predictions.
/// </summary>
public sealed record ServingCost
{
    [JsonPropertyName("from")] public required DateTimeOffset From { get; init; }

    [JsonPropertyName("to")] public required DateTimeOffset To { get; init; }

    [JsonPropertyName("instanceHours")] public required double InstanceHours { get; init; }

    [JsonPropertyName("predictions")] public required long Predictions { get; init; }

    /// <summary>Instance-hours times their hourly prices; null when some instance's resources have no price.</summary>
    [JsonPropertyName("cost")] public double? Cost { get; init; }

    [JsonPropertyName("costPer1000Predictions")] public double? CostPer1000Predictions { get; init; }

    [JsonPropertyName("currency")] public string? Currency { get; init; }

    /// <summary>Why there is no cost; null when there is one.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }
}
