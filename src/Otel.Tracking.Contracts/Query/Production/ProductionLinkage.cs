using System.Text.Json.Serialization;

namespace Otel.Tracking.Query.Production;

/// <summary>
/// M8 in <c>/api/stats</c>: of the model-serving requests in a window (requests of <c>http.server.request.duration</c>
/// series that carry <c>ml.model.name</c>), how many a registered version with a stored run served.
/// </summary>
public sealed record ProductionLinkage
{
    [JsonPropertyName("from")] public required DateTimeOffset From { get; init; }

    [JsonPropertyName("to")] public required DateTimeOffset To { get; init; }

    /// <summary>The window's length as a duration text (<c>24h</c> by default).</summary>
    [JsonPropertyName("window")] public required string Window { get; init; }

    [JsonPropertyName("requests")] public long Requests { get; init; }

    [JsonPropertyName("linkedRequests")] public long LinkedRequests { get; init; }

    /// <summary><see cref="LinkedRequests"/> / <see cref="Requests"/>; null when there were no model-serving requests.</summary>
    [JsonPropertyName("rate")] public double? Rate { get; init; }
}
