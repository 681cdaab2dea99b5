using System.Text.Json.Serialization;

namespace Otel.Tracking.Query.Registry;

/// <summary>One registered model name in <c>/api/models</c> (<c>models list --json</c>).</summary>
public sealed record ModelSummary
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("latestVersion")] public required long LatestVersion { get; init; }

    /// <summary>Each alias and the version it points at now.</summary>
    [JsonPropertyName("aliases")] public Dictionary<string, long> Aliases { get; init; } = [];
    [JsonPropertyName("description")] public string Description { get; init; } = "";
    [JsonPropertyName("tags")] public Dictionary<string, string> Tags { get; init; } = [];
}

/// <summary>A model with every version and its aliases now (<c>/api/models/{name}</c>, <c>models show --json</c>).</summary>
public sealed record ModelDetail
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("description")] public string Description { get; init; } = "";
    [JsonPropertyName("tags")] public Dictionary<string, string> Tags { get; init; } = [];
    [JsonPropertyName("createdBy")] public required string CreatedBy { get; init; }
    [JsonPropertyName("createdAt")] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Every version, oldest first.</summary>
    [JsonPropertyName("versions")] public List<ModelVersion> Versions { get; init; } = [];
    [JsonPropertyName("aliases")] public Dictionary<string, long> Aliases { get; init; } = [];
}
