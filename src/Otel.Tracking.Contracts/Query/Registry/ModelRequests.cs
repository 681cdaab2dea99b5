using System.Text.Json.Serialization;

namespace Otel.Tracking.Query.Registry;

/// <summary>
/// The body of <c>POST /api/models/{name}/versions</c>: the run and the artifact it logged (its path, or its SHA-256),
/// with an optional description and tags for the version.
/// </summary>
public sealed record ModelRegistration
{
    [JsonPropertyName("runId")] public string? RunId { get; init; }
    [JsonPropertyName("artifact")] public string? Artifact { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("tags")] public Dictionary<string, string>? Tags { get; init; }
}

/// <summary>
/// The body of <c>PATCH /api/models/{name}</c> and <c>PATCH /api/models/{name}/versions/{version}</c>: what to change;
/// an absent field is left as it is. Tags given replace the tags as a whole. <see cref="Archived"/> applies to versions only.
/// </summary>
public sealed record ModelChange
{
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("tags")] public Dictionary<string, string>? Tags { get; init; }
    [JsonPropertyName("archived")] public bool? Archived { get; init; }
}

/// <summary>The body of <c>PUT /api/models/{name}/aliases/{alias}</c>: the version the alias should point at.</summary>
public sealed record ModelAliasTarget([property: JsonPropertyName("version")] long Version);
