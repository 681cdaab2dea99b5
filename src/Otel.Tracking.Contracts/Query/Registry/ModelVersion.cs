using System.Text.Json.Serialization;

namespace Otel.Tracking.Query.Registry;

/// <summary>
/// A registered model version: a run and one of its artifacts, numbered 1, 2, 3… per name, with what the run was when
/// it was registered (frozen). Description, tags and the archived flag may change later (docs/registry.md).
/// </summary>
public sealed record ModelVersion
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("version")] public required long Version { get; init; }
    [JsonPropertyName("runId")] public required string RunId { get; init; }
    [JsonPropertyName("experiment")] public required string Experiment { get; init; }
    [JsonPropertyName("artifact")] public required ModelArtifact Artifact { get; init; }

    /// <summary>The run's resource and provenance attributes at registration (<c>vcs.*</c>, <c>service.name</c>…).</summary>
    [JsonPropertyName("provenance")] public Dictionary<string, string> Provenance { get; init; } = [];
    [JsonPropertyName("params")] public Dictionary<string, string> Params { get; init; } = [];

    /// <summary>The latest value of each metric at registration, as the leaderboard reads them.</summary>
    [JsonPropertyName("metrics")] public Dictionary<string, double> Metrics { get; init; } = [];
    [JsonPropertyName("datasets")] public List<ModelDataset> Datasets { get; init; } = [];

    /// <summary>The run's metadata completeness (0–1) at registration; null when it had not been scored yet.</summary>
    [JsonPropertyName("completeness")] public double? Completeness { get; init; }
    [JsonPropertyName("description")] public string Description { get; init; } = "";
    [JsonPropertyName("tags")] public Dictionary<string, string> Tags { get; init; } = [];

    /// <summary>An archived version cannot be an alias target and is skipped by <c>models:/NAME</c>.</summary>
    [JsonPropertyName("archived")] public bool Archived { get; init; }
    [JsonPropertyName("createdBy")] public required string CreatedBy { get; init; }
    [JsonPropertyName("createdAt")] public required DateTimeOffset CreatedAt { get; init; }
    [JsonPropertyName("updatedAt")] public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>The artifact a version was registered from: the path the run logged it under and its content's SHA-256.</summary>
public sealed record ModelArtifact(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("size")] long Size);

/// <summary>A dataset the run used, frozen with the version.</summary>
public sealed record ModelDataset(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("context")] string Context);
