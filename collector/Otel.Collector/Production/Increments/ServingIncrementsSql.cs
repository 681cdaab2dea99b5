using System.Globalization;
using Otel.Collector.ClickHouse;

namespace Otel.Collector.Production.Increments;

/// <summary>
/// What each serving series added over a window, read from what the serving-increments job stored (migration 0019)
/// instead of recomputed: whole clock hours from <c>ml_serving_increment_hours</c>, the minutes around them from
/// <c>ml_serving_increments</c>, and the tail the job has not covered yet (or that a late arrival touched) live through
/// <see cref="ServingMinutesSql.Increments"/>. Same columns and the same sums as <see cref="ServingMinutesSql.Increments"/>
/// over the window; an hour row stands for its hour (its <c>Minute</c> is the hour's start).
/// </summary>
internal static class ServingIncrementsSql
{
    private const string Columns = """
        MetricName, ModelName, ModelVersion, ServiceName, Feature, SeriesKey, Minute, Environment, RunId, Category, Route,
        Method, StatusCode, Bounds, Increase, Increases, SumIncrease
        """;

    /// <summary>
    /// The window's increments of the series matching <paramref name="where"/> (as for
    /// <see cref="ServingMinutesSql.Increments"/>: columns common to the three sources, values only as parameters). Its
    /// parameters come from <see cref="AddIncrementsWindow"/>. Use as <c>FROM (Window(…))</c> and aggregate.
    /// </summary>
    public static string Window(string where) => $$"""
        SELECT {{Columns.Replace("Minute,", "Hour AS Minute,", StringComparison.Ordinal)}}
        FROM ml_serving_increment_hours FINAL
        WHERE ({{where}})
          AND Hour >= toDateTime({increments_hours_from:DateTime}, 'UTC') AND Hour < toDateTime({increments_hours_to:DateTime}, 'UTC')
          AND NOT has({increments_minute_hours:Array(String)}, toString(toUnixTimestamp(Hour)))
        UNION ALL
        SELECT {{Columns}}
        FROM ml_serving_increments FINAL
        WHERE ({{where}})
          AND Minute >= toDateTime({window_from:DateTime}, 'UTC') AND Minute < toDateTime({increments_tail_from:DateTime}, 'UTC')
          AND (Minute < toDateTime({increments_hours_from:DateTime}, 'UTC') OR Minute >= toDateTime({increments_hours_to:DateTime}, 'UTC')
               OR has({increments_minute_hours:Array(String)}, toString(toUnixTimestamp(toStartOfHour(Minute)))))
        UNION ALL
        SELECT {{Columns}}
        FROM ({{ServingMinutesSql.Increments(where, "increments_tail_from", "window_to")}})
        """;

    /// <summary>
    /// The parameters of <see cref="Window"/> for the window [<paramref name="from"/>, <paramref name="to"/>) (whole
    /// minutes) as far as <paramref name="progress"/> covers it. A reader that sums sub-windows ending at
    /// <paramref name="to"/> names their starts in <paramref name="cuts"/>: an hour a cut falls inside is read by the minute.
    /// </summary>
    public static QueryParameters AddIncrementsWindow(
        this QueryParameters parameters, IncrementsProgress progress, DateTimeOffset from, DateTimeOffset to, IEnumerable<DateTimeOffset>? cuts = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(progress);
        var tailFrom = Clamp(progress.ReadableThrough, from, to);
        var hoursFrom = ServingHours.Ceiling(from);
        var hoursTo = new[] { ServingHours.Floor(to), ServingHours.Floor(tailFrom), progress.ReadableHoursThrough }.Min();
        if (hoursTo < hoursFrom)
        {
            hoursTo = hoursFrom;
        }

        var minuteHours = (cuts ?? [])
            .Where(cut => cut > hoursFrom && cut < hoursTo && ServingHours.Floor(cut) != cut)
            .Select(cut => ServingHours.Floor(cut).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))
            .Distinct(StringComparer.Ordinal);
        return parameters
            .AddWindow(from, to)
            .Add("increments_tail_from", tailFrom.ToUnixTimeSeconds())
            .Add("increments_hours_from", hoursFrom.ToUnixTimeSeconds())
            .Add("increments_hours_to", hoursTo.ToUnixTimeSeconds())
            .Add("increments_minute_hours", minuteHours);
    }

    private static DateTimeOffset Clamp(DateTimeOffset value, DateTimeOffset min, DateTimeOffset max) =>
        value < min ? min : value > max ? max : value;
}
