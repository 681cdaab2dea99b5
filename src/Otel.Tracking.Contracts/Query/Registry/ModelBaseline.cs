using System.Text.Json.Serialization;

namespace Otel.Tracking.Query.Registry;

/// <summary>
/// A training run's baseline profile, frozen with a registered version and served at
/// <c>GET /api/models/{name}/versions/{version}/baseline</c>, so that a serving library in any language bins its
/// features and outputs the same way (docs/semantic-conventions.md, "Baselines").
/// </summary>
public sealed record ModelBaseline
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("version")] public long Version { get; init; }
    [JsonPropertyName("runId")] public string RunId { get; init; } = "";
    [JsonPropertyName("distributions")] public List<BaselineDistribution> Distributions { get; init; } = [];
}

/// <summary>One feature's or output's distribution in the training data.</summary>
public sealed record BaselineDistribution
{
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary><c>feature</c> or <c>prediction</c>.</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }

    /// <summary><c>numeric</c> or <c>categorical</c>.</summary>
    [JsonPropertyName("type")] public required string Type { get; init; }

    /// <summary>Numeric: inner bin edges, ascending; bin i holds bounds[i-1] &lt; v &lt;= bounds[i] (OTLP explicit buckets).</summary>
    [JsonPropertyName("bounds")] public List<double> Bounds { get; init; } = [];

    /// <summary>Categorical: the top categories; anything else counts as <c>__other__</c>, the last count.</summary>
    [JsonPropertyName("categories")] public List<string> Categories { get; init; } = [];

    /// <summary>Numeric: bounds + 1 counts. Categorical: categories + 1 counts (the last is other).</summary>
    [JsonPropertyName("counts")] public List<long> Counts { get; init; } = [];

    [JsonPropertyName("datasetDigest")] public string DatasetDigest { get; init; } = "";
}
