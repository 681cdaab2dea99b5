using Microsoft.Extensions.Logging;

namespace Otel.Collector.Receivers;

/// <summary>The receivers' log events; stable ids, Debug level because a client's bad request is not the collector's fault.</summary>
internal static partial class OtlpReceiverLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "OTLP/HTTP request to {Path} rejected with {StatusCode}: {Reason}")]
    public static partial void HttpRequestRejected(ILogger logger, string path, int statusCode, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "OTLP/HTTP request to {Path} refused ({Outcome}), retry after {RetryAfterSeconds} s: {Reason}")]
    public static partial void HttpRequestRefused(ILogger logger, string path, string outcome, int retryAfterSeconds, string reason);
}
