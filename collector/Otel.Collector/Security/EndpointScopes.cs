using Microsoft.AspNetCore.Http;

namespace Otel.Collector.Security;

/// <summary>
/// Which scope each request needs once keys exist (the table in docs/security.md). Deny by default: only the
/// health endpoints are open, and a path this table does not name needs <see cref="ApiKeyScope.Read"/> to read it and
/// <see cref="ApiKeyScope.Admin"/> for anything else.
/// </summary>
internal static class EndpointScopes
{
    private const string GrpcServicePrefix = "/opentelemetry.proto.collector.";

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

        // The query API, /metrics, and whatever else: reading needs read; anything that changes state, admin.
        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? ApiKeyScope.Read : ApiKeyScope.Admin;
    }
}
