using Microsoft.Extensions.Logging;

namespace Otel.Collector.Receivers;

/// <summary>The receivers' log events; stable ids, Debug level because a client's bad request is not the collector's fault.</summary>
internal static partial class OtlpReceiverLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "OTLP/HTTP request to {Path} rejected with {StatusCode}: {Reason}")]
    public static partial void HttpRequestRejected(ILogger logger, string path, int statusCode, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "OTLP/HTTP request to {Path} refused ({Outcome}), retry after {RetryAfterSeconds} s: {Reason}")]
    public static partial void HttpRequestRefused(ILogger logger, string path, string outcome, int retryAfterSeconds, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "OTLP request to {Path}: {Rejected} item(s) over the edge limits rejected: {Reason}")]
    public static partial void ItemsOverLimits(ILogger logger, string path, long rejected, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "OTLP/gRPC request to {Method} refused with RESOURCE_EXHAUSTED: {Reason}")]
    public static partial void GrpcRequestOverLimits(ILogger logger, string method, string reason);
}
