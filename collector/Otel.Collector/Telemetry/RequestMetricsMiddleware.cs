using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Otel.Collector.Telemetry;

/// <summary>
/// Times and counts requests in one place instead of in every endpoint: OTLP export requests (HTTP <c>/v1/*</c> and
/// the gRPC Export methods) by signal, transport and outcome, and query API requests (<c>/api/*</c>) by route.
/// Runs first, so requests refused by key checks, admission or edge limits are counted too.
/// </summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, CollectorMeter meter, TimeProvider time)
{
    private const string GrpcStatus = "grpc-status";

    public async Task InvokeAsync(HttpContext context)
    {
        var ingest = IngestRequest(context.Request);
        var query = ingest is null && context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
        if (ingest is null && !query)
        {
            await next(context);
            return;
        }

        var started = time.GetTimestamp();
        var failed = true;
        try
        {
            await next(context);
            failed = false;
        }
        finally
        {
            var elapsed = time.GetElapsedTime(started);
            if (ingest is { } request)
            {
                var refusal = failed ? "error" : request.Transport == OtlpSignals.Grpc ? GrpcRefusal(context) : HttpRefusal(context.Response.StatusCode);
                meter.RequestAnswered(request.Signal, request.Transport, refusal, elapsed);
            }
            else
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
                meter.QueryAnswered(route, failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode, elapsed);
            }
        }
    }

    /// <summary>The signal and transport of an OTLP export request, or null for any other request.</summary>
    private static (string Signal, string Transport)? IngestRequest(HttpRequest request)
    {
        var path = request.Path.Value ?? string.Empty;
        if (path.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase))
        {
            var signal = Signal(path["/v1/".Length..]);
            return signal is null ? null : (signal, OtlpSignals.Http);
        }

        const string grpcPrefix = "/opentelemetry.proto.collector.";
        if (path.StartsWith(grpcPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var dot = path.IndexOf('.', grpcPrefix.Length);
            var signal = dot < 0 ? null : Signal(path[grpcPrefix.Length..dot]);
            return signal is null ? null : (signal, OtlpSignals.Grpc);
        }

        return null;
    }

    private static string? Signal(string name) => name.ToLowerInvariant() switch
    {
        "traces" or "trace" => OtlpSignals.Traces,
        "metrics" => OtlpSignals.Metrics,
        "logs" => OtlpSignals.Logs,
        _ => null,
    };

    /// <summary>Null when the request succeeded (partial success included), else why it was refused.</summary>
    private static string? HttpRefusal(int status) => status switch
    {
        < 300 => null,
        StatusCodes.Status400BadRequest => "invalid",
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => "denied",
        StatusCodes.Status408RequestTimeout => "timeout",
        StatusCodes.Status413PayloadTooLarge => "too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "throttled",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        _ => "error",
    };

    /// <summary>The gRPC status travels in the trailers, or in the headers of a trailers-only answer.</summary>
    private static string? GrpcRefusal(HttpContext context)
    {
        var status = context.Response.Headers[GrpcStatus].ToString();
        if (status.Length == 0)
        {
            status = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers[GrpcStatus].ToString() ?? string.Empty;
        }

        return status switch
        {
            "0" => null,
            "1" => "cancelled",
            "3" => "invalid",
            "4" => "timeout",
            "7" or "16" => "denied",
            "8" => "too_large",
            "14" => "unavailable",
            _ => "error",
        };
    }
}

internal static class RequestMetricsMiddlewareExtensions
{
    /// <summary>Call first, before any middleware that may answer a request itself.</summary>
    public static IApplicationBuilder UseRequestMetrics(this IApplicationBuilder app) => app.UseMiddleware<RequestMetricsMiddleware>();
}
