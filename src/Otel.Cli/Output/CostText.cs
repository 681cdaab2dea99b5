using System.Globalization;
using Otel.Tracking.Query.Production;

namespace Otel.Cli.Output;

/// <summary>Costs as people read them, markup-escaped: an amount with its currency, or why there is none.</summary>
internal static class CostText
{
    public static string Amount(double value, string? currency) =>
        value.ToString(value >= 100 ? "0.00" : "0.####", CultureInfo.InvariantCulture) + (currency is null ? string.Empty : " " + ConsoleText.Escape(currency));

    /// <summary>A run's cost with its rate, or "-" and the reason.</summary>
    public static string Run(RunCost? cost) => cost switch
    {
        null => "-",
        { Amount: { } amount } => Amount(amount, cost.Currency)
            + string.Create(CultureInfo.InvariantCulture, $" [grey]({Amount(cost.HourlyPrice ?? 0, cost.Currency)}/h x {cost.Hours:0.###} h)[/]"),
        _ => "- [grey](" + ConsoleText.Escape(cost.Reason ?? "not priced") + ")[/]",
    };

    /// <summary>A run's cost in a list column: the amount, or "-".</summary>
    public static string Short(RunCost? cost) => cost?.Amount is { } amount ? Amount(amount, cost.Currency) : "-";
}
