using Microsoft.AspNetCore.Http;

namespace Otel.Collector.Security;

/// <summary>
/// Which scope each request needs once keys exist (the table in docs/security.md). Deny by default: only the
/// health endpoints are open, and a path this table does not name needs <see cref="Readers"/> to read it and
/// <see cref="ApiKeyScope.Admin"/> for anything else.
/// </summary>
internal static class EndpointScopes
{
    /// <summary>Reading the query API: registry and approve keys must see what they register, promote and approve.</summary>
    public const ApiKeyScope Readers = ApiKeyScope.Read | ApiKeyScope.Registry | ApiKeyScope.Approve;

    private const string GrpcServicePrefix = "/opentelemetry.proto.collector.";

    /// <summary>Run lifecycle verbs that can destroy or pin data for good: admin only.</summary>
    private static readonly HashSet<string> AdminRunVerbs = new(["delete", "hold", "release"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The scopes that may make the request (any one suffices), or null when it is open to all.</summary>
    public static ApiKeyScope? Required(string method, PathString path)
    {
        if (path.Equals("/healthz", StringComparison.OrdinalIgnoreCase) || path.Equals("/readyz", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase)
            || (path.Value ?? string.Empty).StartsWith(GrpcServicePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ApiKeyScope.Ingest;
        }

        if (path.StartsWithSegments("/api/artifacts", StringComparison.OrdinalIgnoreCase))
        {
            // The SDK asks with HEAD whether bytes are there before it sends them with PUT.
            return HttpMethods.IsPut(method) ? ApiKeyScope.Ingest
                : HttpMethods.IsHead(method) ? ApiKeyScope.Ingest | ApiKeyScope.Read
                : HttpMethods.IsGet(method) ? ApiKeyScope.Read
                : ApiKeyScope.Admin;
        }

        if (IsRead(method))
        {
            // The query API, /metrics, and whatever else.
            return Readers;
        }

        var segments = Segments(path);
        if (segments is ["api", "models", _, ..])
        {
            return segments switch
            {
                [_, _, _, "versions", _, "approvals", ..] => ApiKeyScope.Approve,
                [_, _, _, "gates", ..] => ApiKeyScope.Admin,
                _ => ApiKeyScope.Registry,
            };
        }

        if (segments is ["api", "runs", _, ..])
        {
            return segments is [_, _, _, var verb] && AdminRunVerbs.Contains(verb) ? ApiKeyScope.Admin : ApiKeyScope.Registry;
        }

        // Anything else that changes state, /api/retention included.
        return ApiKeyScope.Admin;
    }

    /// <summary>
    /// The model a request writes to (<c>/api/models/{name}/…</c> with a method other than GET or HEAD), or null: what a
    /// key restricted to some models (<c>keys create --models</c>) is checked against.
    /// </summary>
    public static string? WrittenModel(string method, PathString path) =>
        !IsRead(method) && Segments(path) is ["api", "models", var name, ..] ? name : null;

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method);

    /// <summary>Path segments, unescaped (the server leaves %2F escaped); "api" and "models" compared in lower case.</summary>
    private static string[] Segments(PathString path)
    {
        var parts = (path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Uri.UnescapeDataString(parts[i]);
            if (i < 2 || (i is 3 or 5))
            {
                // Fixed words of the routes; names (model, version, run id) keep their case.
                parts[i] = parts[i].ToLowerInvariant();
            }
        }

        return parts;
    }
}
