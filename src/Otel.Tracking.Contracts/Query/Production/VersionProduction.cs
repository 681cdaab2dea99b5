using System.Text.Json.Serialization;
using Otel.Tracking.Query.Registry;

namespace Otel.Tracking.Query.Production;

/// <summary>
/// <c>GET /api/models/{name}/versions/{version}/production?window=1h</c>: what a registered version is doing in production
/// now, and the run, data and diff to look at (docs/production.md, "Which run to look at").
/// </summary>
public sealed record VersionProduction
{
    [JsonPropertyName("model")] public required string Model { get; init; }

    [JsonPropertyName("version")] public required long Version { get; init; }

    /// <summary>The window's length as asked (<c>1h</c> by default); requests and serving cost count within it.</summary>
    [JsonPropertyName("window")] public required string Window { get; init; }

    [JsonPropertyName("from")] public required DateTimeOffset From { get; init; }

    [JsonPropertyName("to")] public required DateTimeOffset To { get; init; }

    /// <summary>Requests the version's deployments answered in the window (their <c>http.server.request.duration</c> counts).</summary>
    [JsonPropertyName("requests")] public long Requests { get; init; }

    /// <summary>Whether the version answered any request in the window.</summary>
    [JsonPropertyName("servesTraffic")] public bool ServesTraffic => Requests > 0;

    /// <summary>The version's deployments seen in telemetry and recorded in the registry, as <c>/api/production/deployments</c> lists them.</summary>
    [JsonPropertyName("deployments")] public IReadOnlyList<ProductionDeployment> Deployments { get; init; } = [];

    /// <summary>The model's SLOs, each evaluated over this version's requests only.</summary>
    [JsonPropertyName("slos")] public IReadOnlyList<SloStatus> Slos { get; init; } = [];

    /// <summary>
    /// The drift job's latest 15-minute window (<c>ml_drift</c>) for each feature and prediction, worst first (drift, warn,
    /// insufficient_data, ok; then by PSI); empty when the job has computed none for the version.
    /// </summary>
    [JsonPropertyName("drift")] public IReadOnlyList<DriftResult> Drift { get; init; } = [];

    /// <summary>Serving cost of all its deployments seen in the window; null when none was.</summary>
    [JsonPropertyName("servingCost")] public ServingCost? ServingCost { get; init; }

    [JsonPropertyName("training")] public required VersionTraining Training { get; init; }
}

/// <summary>Where a version came from: its run, the data the run used, and the champion to diff it with.</summary>
public sealed record VersionTraining
{
    [JsonPropertyName("runId")] public required string RunId { get; init; }

    [JsonPropertyName("experiment")] public required string Experiment { get; init; }

    /// <summary>The run's datasets, frozen at registration.</summary>
    [JsonPropertyName("datasets")] public IReadOnlyList<ModelDataset> Datasets { get; init; } = [];

    /// <summary>
    /// The version the <c>champion</c> alias pointed at before it last moved to this one; for a version that has never
    /// been champion (a canary), the champion now. Null when there is none to compare with.
    /// </summary>
    [JsonPropertyName("previousChampion")] public PreviousChampion? PreviousChampion { get; init; }
}

/// <summary>The champion a version took over from (or would take over from), and its run.</summary>
public sealed record PreviousChampion
{
    [JsonPropertyName("version")] public required long Version { get; init; }

    [JsonPropertyName("runId")] public required string RunId { get; init; }

    /// <summary>Whether the <c>champion</c> alias still points at it (the version asked about is not champion).</summary>
    [JsonPropertyName("current")] public bool Current { get; init; }
}
