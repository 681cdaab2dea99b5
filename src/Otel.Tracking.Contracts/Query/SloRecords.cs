using System.Text.Json.Serialization;

namespace Otel.Tracking.Query;

/// <summary>Body of <c>PUT /api/slos</c>: an SLO file's text and its name (named in every error).</summary>
public sealed record SloApplyRequest(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("yaml")] string Yaml);

/// <summary>An SLO as stored (docs/slos.md): what it measures, its objective and window, and who applied it last.</summary>
public sealed record SloRecord(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("service")] string? Service,
    [property: JsonPropertyName("route")] string? Route,
    [property: JsonPropertyName("objective")] double Objective,
    [property: JsonPropertyName("window")] string Window,
    [property: JsonPropertyName("threshold")] double? Threshold,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("updatedBy")] string UpdatedBy,
    [property: JsonPropertyName("updatedAt")] DateTimeOffset UpdatedAt);

/// <summary>Answer of <c>PUT /api/slos</c>: the SLOs of the file as now stored, which of them changed, and warnings.</summary>
public sealed record SloApplyResult(
    [property: JsonPropertyName("applied")] IReadOnlyList<SloRecord> Applied,
    [property: JsonPropertyName("changed")] IReadOnlyList<string> Changed,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string> Warnings);

/// <summary>Burn rates (error rate / (1 - objective)) over the seven windows of multi-window, multi-burn-rate alerting.</summary>
public sealed record SloBurnRates(
    [property: JsonPropertyName("5m")] double FiveMinutes,
    [property: JsonPropertyName("30m")] double ThirtyMinutes,
    [property: JsonPropertyName("1h")] double OneHour,
    [property: JsonPropertyName("2h")] double TwoHours,
    [property: JsonPropertyName("6h")] double SixHours,
    [property: JsonPropertyName("1d")] double OneDay,
    [property: JsonPropertyName("3d")] double ThreeDays);

/// <summary>
/// One SLO in <c>slo status</c>: the SLI over its window (null without traffic), the error budget left (1 - burn over
/// the window; negative once overspent), the burn rates and the alert state (<c>page</c>, <c>ticket</c> or <c>none</c>).
/// <see cref="Source"/> says where the SLI came from (<c>metric</c>, <c>spans</c>, or <c>none</c> without traffic),
/// <see cref="Message"/> anything the reader must know (a threshold that is not a bucket bound).
/// </summary>
public sealed record SloStatus(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("objective")] double Objective,
    [property: JsonPropertyName("sli")] double? Sli,
    [property: JsonPropertyName("errorBudgetRemaining")] double ErrorBudgetRemaining,
    [property: JsonPropertyName("burnRates")] SloBurnRates BurnRates,
    [property: JsonPropertyName("alert")] string Alert,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("service")] string? Service,
    [property: JsonPropertyName("route")] string? Route,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("threshold")] double? Threshold,
    [property: JsonPropertyName("window")] string Window,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("events")] long Events,
    [property: JsonPropertyName("evaluatedAt")] DateTimeOffset EvaluatedAt,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>One SLO of a model in <c>slo compare</c>: its status restricted to each of the two versions.</summary>
public sealed record SloVersionComparison(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("objective")] double Objective,
    [property: JsonPropertyName("threshold")] double? Threshold,
    [property: JsonPropertyName("a")] SloStatus A,
    [property: JsonPropertyName("b")] SloStatus B);

/// <summary>
/// Answer of <c>GET /api/slos/compare</c>: a model's SLOs, version A beside version B (a canary beside the champion),
/// then their drift per feature and prediction.
/// </summary>
public sealed record SloComparison(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("versionA")] string VersionA,
    [property: JsonPropertyName("versionB")] string VersionB,
    [property: JsonPropertyName("slos")] IReadOnlyList<SloVersionComparison> Slos)
{
    /// <summary>Each feature and prediction either version has drift for (the drift job's latest 15-minute window), by kind and name.</summary>
    [JsonPropertyName("drift")] public IReadOnlyList<DriftVersionComparison> Drift { get; init; } = [];
}

/// <summary>One feature or prediction output in <c>slo compare</c>: its drift in version A and in version B (null where that version has none).</summary>
public sealed record DriftVersionComparison(
    [property: JsonPropertyName("feature")] string Feature,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("a")] DriftSide? A,
    [property: JsonPropertyName("b")] DriftSide? B);

/// <summary>A version's drift of one feature: PSI (null without production measurements) and status (<c>ok</c>, <c>warn</c>, <c>drift</c>, <c>insufficient_data</c>).</summary>
public sealed record DriftSide(
    [property: JsonPropertyName("psi")] double? Psi,
    [property: JsonPropertyName("status")] string Status);
