using System.Text.Json.Serialization;

namespace Otel.Tracking.Query;

/// <summary>
/// <c>/api/stats</c>: the CI duplicate fraction, the reproducibility rate (see <see cref="Reproducibility"/>) and the
/// time to promote (<see cref="TimeToPromote"/>).
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
}
