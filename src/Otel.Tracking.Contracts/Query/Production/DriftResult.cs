using System.Text.Json.Serialization;

namespace Otel.Tracking.Query.Production;

/// <summary>
/// Drift of one feature or prediction output of a model version over a window, against the version's training baseline
/// (<c>GET /api/models/{name}/drift</c>, <c>drift report --json</c>; docs/drift.md).
/// </summary>
public sealed record DriftResult
{
    /// <summary>The feature's or output's name (<c>ml.feature.name</c> or <c>ml.prediction.name</c>).</summary>
    [JsonPropertyName("feature")] public required string Feature { get; init; }

    /// <summary><c>feature</c> or <c>prediction</c>.</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }

    /// <summary>Population stability index, proportions floored at <see cref="DriftStatus.Epsilon"/>; null without production measurements.</summary>
    [JsonPropertyName("psi")] public double? Psi { get; init; }

    /// <summary>Jensen–Shannon distance, base 2 (in [0, 1]); null without production measurements.</summary>
    [JsonPropertyName("js")] public double? Js { get; init; }

    /// <summary>
    /// Binned Kolmogorov–Smirnov: the largest difference of the two CDFs at the bin edges; for a categorical distribution,
    /// which has no order, the total variation distance (the largest difference over any set of categories). Null without
    /// production measurements.
    /// </summary>
    [JsonPropertyName("ks")] public double? Ks { get; init; }

    /// <summary>Production measurements in the window that were compared (on the baseline's bins).</summary>
    [JsonPropertyName("count")] public required long Count { get; init; }

    /// <summary>Measurements in the baseline.</summary>
    [JsonPropertyName("baselineCount")] public required long BaselineCount { get; init; }

    /// <summary><c>ok</c>, <c>warn</c>, <c>drift</c> or <c>insufficient_data</c> (<see cref="DriftStatus"/>).</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    [JsonPropertyName("model")] public required string Model { get; init; }

    [JsonPropertyName("version")] public required long Version { get; init; }

    /// <summary><c>numeric</c> or <c>categorical</c>, as in the baseline.</summary>
    [JsonPropertyName("type")] public required string Type { get; init; }

    /// <summary>The window's length as asked, e.g. <c>1h</c>.</summary>
    [JsonPropertyName("window")] public required string Window { get; init; }

    /// <summary>The window's start, inclusive (a whole minute, UTC).</summary>
    [JsonPropertyName("windowStart")] public required DateTimeOffset WindowStart { get; init; }

    /// <summary>The window's end, exclusive (a whole minute, UTC).</summary>
    [JsonPropertyName("windowEnd")] public required DateTimeOffset WindowEnd { get; init; }

    /// <summary>
    /// Production measurements of this feature that could not be compared and were left out of <see cref="Count"/>: a
    /// histogram binned on other bounds than the baseline's (a service binning against another version's baseline), or
    /// a numeric feature sent as categories and the reverse. <see cref="Note"/> says which.
    /// </summary>
    [JsonPropertyName("mismatchedCount")] public long MismatchedCount { get; init; }

    /// <summary>Why measurements were left out, or empty.</summary>
    [JsonPropertyName("note")] public string Note { get; init; } = "";
}

/// <summary>The status values of <see cref="DriftResult.Status"/> and the constants drift is computed with.</summary>
public static class DriftStatus
{
    public const string Ok = "ok";
    public const string Warn = "warn";
    public const string Drift = "drift";
    public const string InsufficientData = "insufficient_data";

    /// <summary>
    /// The floor of every proportion in PSI, so that a bin empty on one side gives a large but finite term
    /// (docs/drift.md, "Empty bins").
    /// </summary>
    public const double Epsilon = 1e-4;
}
