using System.Text.Json.Serialization;

namespace Otel.Collector.Production.Slo;

/// <summary>
/// One SLO as written in an SLO file (docs/slos.md) and stored as JSON in <c>ml_slo_definitions</c>: the requests it
/// covers (a model's, or a service's, optionally one route), what makes one bad, the objective and its window.
/// </summary>
internal sealed record SloDefinition(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] SloKind Kind,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("service")] string? Service,
    [property: JsonPropertyName("route")] string? Route,
    [property: JsonPropertyName("objective")] double Objective,
    [property: JsonPropertyName("windowDays")] int WindowDays,
    [property: JsonPropertyName("threshold")] double? Threshold,
    [property: JsonPropertyName("description")] string? Description)
{
    /// <summary>The window as written in the file and shown to users: <c>28d</c> or <c>30d</c>.</summary>
    [JsonIgnore]
    public string Window => $"{WindowDays}d";
}
