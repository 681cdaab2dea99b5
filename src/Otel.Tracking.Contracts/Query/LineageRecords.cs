using System.Text.Json.Serialization;

namespace Otel.Tracking.Query;

/// <summary>A node of the lineage graph: a run, a dataset (by digest) or an artifact (by SHA-256).</summary>
public sealed record LineageNode(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("experiment")] string? Experiment = null);

public sealed record LineageEdge(
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("relation")] string Relation);

/// <summary>What produced the thing asked about, and what it produced, one step each way.</summary>
public sealed record Lineage(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("node")] LineageNode Node,
    [property: JsonPropertyName("producedBy")] IReadOnlyList<LineageNode> ProducedBy,
    [property: JsonPropertyName("produced")] IReadOnlyList<LineageNode> Produced,
    [property: JsonPropertyName("edges")] IReadOnlyList<LineageEdge> Edges);
