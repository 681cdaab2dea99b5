using Microsoft.Extensions.Logging;

namespace Otel.Collector.Production.Cost;

internal static partial class CostLog
{
    [LoggerMessage(EventId = 1180, Level = LogLevel.Warning, Message = "The price file changed but is not valid, so the previous prices stay in use: {Errors}")]
    public static partial void InvalidPriceFile(ILogger logger, string errors);

    [LoggerMessage(EventId = 1181, Level = LogLevel.Information, Message = "Prices reloaded from {File}: run costs are recomputed")]
    public static partial void PricesReloaded(ILogger logger, string file);
}
