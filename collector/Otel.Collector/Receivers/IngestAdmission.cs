using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Otel.Collector.Receivers;

/// <summary>
/// Bounds the memory export requests can take under sustained overload: at most
/// <see cref="OtlpReceiverOptions.MaxConcurrentRequests"/> OTLP requests (gRPC and HTTP) are read, decoded and
/// mapped at once; the next ones wait unread (their bodies stay in the sockets) up to
/// <see cref="OtlpReceiverOptions.MaxQueuedRequests"/>, and beyond that are answered at once with 429 and
/// Retry-After (gRPC clients see UNAVAILABLE), which OTLP exporters retry. Past admission, the export
/// pipeline's own bounds (pending and spooled bytes) push back.
/// </summary>
internal static class IngestAdmission
{
    private const string RetryAfterSeconds = "1";

    public static IServiceCollection AddIngestAdmission(this IServiceCollection services, OtlpReceiverOptions options)
    {
        var gate = new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrentRequests,
            QueueLimit = options.MaxQueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
        return services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsExport(context.Request.Path)
                ? RateLimitPartition.GetConcurrencyLimiter("otlp-export", _ => gate)
                : RateLimitPartition.GetNoLimiter("other"));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
                return ValueTask.CompletedTask;
            };
        });
    }

    public static IApplicationBuilder UseIngestAdmission(this IApplicationBuilder app) => app.UseRateLimiter();

    /// <summary>OTLP/HTTP (<c>/v1/…</c>) and OTLP/gRPC (<c>/opentelemetry.proto.collector.…/Export</c>).</summary>
    internal static bool IsExport(PathString path) =>
        path.StartsWithSegments("/v1", StringComparison.Ordinal) ||
        (path.Value?.StartsWith("/opentelemetry.proto.collector.", StringComparison.Ordinal) ?? false);
}
