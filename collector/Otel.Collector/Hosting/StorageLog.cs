using Microsoft.Extensions.Logging;

namespace Otel.Collector.Hosting;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "{Store} cannot be reached yet; the collector accepts data into its spool and stores it once the server answers")]
    public static partial void StorageDeferred(ILogger logger, string store);
}
