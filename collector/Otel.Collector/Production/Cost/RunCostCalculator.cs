using Otel.Tracking.Query.Production;

namespace Otel.Collector.Production.Cost;

/// <summary>A run's cost: its duration times the hourly price of its resources; null with a reason, never 0, when it cannot be priced.</summary>
internal static class RunCostCalculator
{
    public const string NotEnded = "the run has not ended";

    public static RunCost Compute(PriceTable? prices, PricedResources resources, DateTimeOffset start, DateTimeOffset? end)
    {
        ArgumentNullException.ThrowIfNull(resources);
        double? hours = end is { } ended ? Math.Max(0, (ended - start).TotalHours) : null;
        if (prices is null)
        {
            return new RunCost { Hours = hours, Reason = PriceBook.NoPriceFile };
        }

        var (hourly, reason) = prices.HourlyPrice(resources);
        if (hourly is null)
        {
            return new RunCost { Currency = prices.Currency, Hours = hours, Reason = reason };
        }

        return hours is null
            ? new RunCost { Currency = prices.Currency, HourlyPrice = hourly, Reason = NotEnded }
            : new RunCost { Amount = hourly * hours, Currency = prices.Currency, HourlyPrice = hourly, Hours = hours };
    }
}
