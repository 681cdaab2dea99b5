using System.Text.Json.Serialization;

namespace Otel.Tracking.Query;

/// <summary>The lifecycle states of a run (docs/run-lifecycle.md): every run starts active.</summary>
public static class RunLifecycleStates
{
    /// <summary>In every list.</summary>
    public const string Active = "active";

    /// <summary>Out of the default lists, kept; <c>runs restore</c> brings it back.</summary>
    public const string Archived = "archived";

    /// <summary>Soft-deleted: out of the default lists, purged after the grace period unless held or registered.</summary>
    public const string Deleted = "deleted";

    /// <summary>Every state, for list filters (<c>runs list --all</c>).</summary>
    public const string All = "all";
}

/// <summary>A run's lifecycle after a change: <see cref="Changed"/> is false when it already was so (nothing written, nothing audited).</summary>
public sealed record RunLifecycleRecord(
    [property: JsonPropertyName("runId")] string RunId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("held")] bool Held,
    [property: JsonPropertyName("note")] string? Note,
    [property: JsonPropertyName("tags")] IReadOnlyDictionary<string, string> Tags,
    [property: JsonPropertyName("changed")] bool Changed);

/// <summary>Body of <c>PATCH /api/runs/{id}</c>: the fields to change (null leaves one as it is; an empty note clears it).</summary>
public sealed record RunPatchRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("note")] string? Note);

/// <summary>Body of <c>PUT /api/runs/{id}/tags/{key}</c>.</summary>
public sealed record RunTagRequest([property: JsonPropertyName("value")] string? Value);
