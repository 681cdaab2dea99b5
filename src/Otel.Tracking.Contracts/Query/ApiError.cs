using System.Text.Json.Serialization;

namespace Otel.Tracking.Query;

/// <summary>The body of every 4xx answer of the query and artifact APIs: what was wrong and what to do.</summary>
public sealed record ApiError([property: JsonPropertyName("error")] string Error);
