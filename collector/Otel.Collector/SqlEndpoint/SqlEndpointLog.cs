using Microsoft.Extensions.Logging;

namespace Otel.Collector.SqlEndpoint;

internal static partial class SqlEndpointLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "SQL query {QueryId}: {ResultBytes} bytes in {ElapsedMilliseconds:0.#} ms")]
    public static partial void Query(ILogger logger, string queryId, int resultBytes, double elapsedMilliseconds);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "SQL query refused with code {Code} {Name}: {Message}")]
    public static partial void Refused(ILogger logger, int code, string name, string message);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "SQL endpoint listening on {Endpoint}")]
    public static partial void Listening(ILogger logger, Uri endpoint);
}
