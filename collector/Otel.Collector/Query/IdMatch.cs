using System.Text.Json.Serialization;

namespace Otel.Collector.Query;

/// <summary>
/// One id that what the user typed names: the answer of <c>GET /api/resolve</c>, and each candidate of an ambiguous
/// prefix. For a dataset or an artifact, <see cref="Name"/> is its name or path and <see cref="Experiment"/> and
/// <see cref="StartTime"/> those of the first run that logged it.
/// </summary>
internal sealed record IdMatch(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("experiment")] string Experiment,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("startTime")] DateTimeOffset StartTime);

/// <summary>The 409 answer of <c>GET /api/resolve</c>: the message, the first candidates by id, and how many match in all.</summary>
internal sealed record AmbiguousId(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("candidates")] IReadOnlyList<IdMatch> Candidates,
    [property: JsonPropertyName("total")] long Total);
