using System.Text.Json.Serialization;

namespace Otel.Tracking.Query;

/// <summary>
/// <c>/api/stats</c>: the CI duplicate fraction, the reproducibility rate (see <see cref="Reproducibility"/>) and the
/// time to promote (<see cref="TimeToPromote"/>), production linkage (M8) and cost per run (M7).
/// </summary>
public sealed record RunStats(
    [property: JsonPropertyName("runs")] long Runs,
    [property: JsonPropertyName("logicalRuns")] long LogicalRuns,
    [property: JsonPropertyName("duplicateFraction")] double DuplicateFraction,
    [property: JsonPropertyName("reproductions")] int Reproductions,
    [property: JsonPropertyName("reproducedWithinTolerance")] int ReproducedWithinTolerance,
    [property: JsonPropertyName("reproducibilityRate")] double? ReproducibilityRate,
    [property: JsonPropertyName("tolerance")] double Tolerance)
{
    /// <summary>M4: from run end to the first promotion to <c>production</c>.</summary>
    [JsonPropertyName("timeToPromote")]
    public TimeToPromote? TimeToPromote { get; init; }

    /// <summary>M8: the share of model-serving requests a registered version with a run served, over <see cref="ProductionLinkage"/>'s window; null when there were none.</summary>
    [JsonPropertyName("productionLinkageRate")]
    public double? ProductionLinkageRate { get; init; }

    /// <summary>How <see cref="ProductionLinkageRate"/> was worked out: its window and request counts.</summary>
    [JsonPropertyName("productionLinkage")]
    public Production.ProductionLinkage? ProductionLinkage { get; init; }

    /// <summary>M7: the cost of ended runs at the collector's price file.</summary>
    [JsonPropertyName("costPerRun")]
    public Production.CostPerRun? CostPerRun { get; init; }
}
