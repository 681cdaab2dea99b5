using System.Text.Json.Serialization;

namespace Otel.Tracking.Runs;

/// <summary>The part of <c>GET /api/resolve</c>'s answer that resuming needs: the whole id that a prefix names.</summary>
internal sealed record ResolvedRunId([property: JsonPropertyName("id")] string Id);
