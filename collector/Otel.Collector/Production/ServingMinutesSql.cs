using Otel.Collector.ClickHouse;

namespace Otel.Collector.Production;

/// <summary>
/// What each serving series added in each minute of a window, from the per-minute rows of <c>ml_serving_minutes</c>
/// (migration 0014), whatever the temporality the SDK exported with. Drift, SLOs, linkage and serving cost all read
/// production telemetry through <see cref="Increments"/>, so a counter reset is handled in one place.
/// </summary>
/// <remarks>
/// A delta minute is its own increment. A cumulative minute's increment is its last value minus the previous minute's
/// last value of the same series, unless the start time changed or the count went down (a reset: the process
/// restarted), when the whole value is new. The previous minute may lie before the window: rows from
/// <see cref="LookbackSeconds"/> before it are read for that, and only minutes inside the window are returned. A
/// series' first cumulative minute in that range counts whole only when the series started within the range; a
/// series that started earlier has no known earlier value, so its first minute is the reference and adds nothing.
/// </remarks>
internal static class ServingMinutesSql
{
    /// <summary>
    /// How far before a window a cumulative series' previous value is looked for. SDKs export every 60 s by default,
    /// and a cumulative stream repeats its value at every export even when nothing changed.
    /// </summary>
    public const int LookbackSeconds = 600;

    /// <summary>The window's parameters: <c>{window_from:DateTime}</c> inclusive, <c>{window_to:DateTime}</c> exclusive.</summary>
    public static QueryParameters AddWindow(this QueryParameters parameters, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Add("window_from", from.ToUnixTimeSeconds()).Add("window_to", to.ToUnixTimeSeconds());
    }

    /// <summary>
    /// A query over the window's minutes of the series matching <paramref name="where"/>: one row per series and
    /// minute with the series' dimensions (MetricName, ModelName, ModelVersion, ServiceName, Feature, SeriesKey,
    /// Minute, Environment, RunId, Category, Route, Method, StatusCode, Bounds) and what it added: Increase (count of
    /// measurements), Increases (bucket counts, empty for counters) and SumIncrease (sum of the measurements, or of a
    /// counter's value). Use as <c>FROM (Increments(…))</c> and aggregate.
    /// </summary>
    /// <param name="where">
    /// A predicate over <c>ml_serving_minutes</c> columns (any of them, Route and StatusCode included) written in code, values only as query parameters
    /// (e.g. <c>MetricName = 'ml.serving.feature' AND ModelName = {model:String}</c>); never user text.
    /// </param>
    /// <param name="from">The parameter holding the window's start (inclusive), <c>window_from</c> unless a caller reads part of a window this way.</param>
    /// <param name="to">The parameter holding the window's end (exclusive).</param>
    public static string Increments(string where, string from = "window_from", string to = "window_to") => $$"""
        SELECT MetricName, ModelName, ModelVersion, ServiceName, Feature, SeriesKey, Minute,
               EnvironmentOf AS Environment, RunIdOf AS RunId, CategoryOf AS Category, RouteOf AS Route, MethodOf AS Method,
               StatusCodeOf AS StatusCode, BoundsOf AS Bounds,
               if(TemporalityOf = 1, DeltaCount, if(Reset, LastCount, if(Row = 1, toUInt64(0), toUInt64(LastCount - PrevCount)))) AS Increase,
               if(TemporalityOf = 1, DeltaCounts,
                  if(Reset, LastCounts, arrayMap((x, y) -> toUInt64(if(Row = 1, 0, x - y)), LastCounts, PrevCounts))) AS Increases,
               if(TemporalityOf = 1, DeltaSum, if(Reset, LastSum, if(Row = 1, 0, LastSum - PrevSum))) AS SumIncrease
        FROM (
            -- No previous minute in range: new when it started within the range, else the reference (adds nothing).
            SELECT *,
                   if(Row = 1,
                      Start >= toDateTime64(toDateTime({{{from}}:DateTime}, 'UTC') - {{LookbackSeconds}}, 9, 'UTC'),
                      Start != PrevStart OR LastCount < PrevCount OR length(LastCounts) != length(PrevCounts)) AS Reset
            FROM (
                SELECT *,
                       row_number() OVER series AS Row,
                       lagInFrame(LastCount) OVER series AS PrevCount,
                       lagInFrame(LastCounts, 1, LastCounts) OVER series AS PrevCounts,
                       lagInFrame(LastSum) OVER series AS PrevSum,
                       lagInFrame(Start) OVER series AS PrevStart
                FROM (
                    SELECT MetricName, ModelName, ModelVersion, ServiceName, Feature, SeriesKey, Minute,
                           -- Named apart from the columns, so that `where` may filter on the columns themselves.
                           any(Environment) AS EnvironmentOf, any(RunId) AS RunIdOf, any(Category) AS CategoryOf,
                           any(Route) AS RouteOf, any(Method) AS MethodOf, any(StatusCode) AS StatusCodeOf,
                           any(Temporality) AS TemporalityOf, any(Bounds) AS BoundsOf,
                           sumForEachMerge(DeltaCounts) AS DeltaCounts, sum(DeltaCount) AS DeltaCount, sum(DeltaSum) AS DeltaSum,
                           argMaxMerge(LastCounts) AS LastCounts, argMaxMerge(LastCount) AS LastCount,
                           argMaxMerge(LastSum) AS LastSum, argMaxMerge(LastStart) AS Start
                    FROM ml_serving_minutes
                    WHERE ({{where}})
                      AND Minute >= toDateTime({{{from}}:DateTime}, 'UTC') - {{LookbackSeconds}}
                      AND Minute < toDateTime({{{to}}:DateTime}, 'UTC')
                    GROUP BY MetricName, ModelName, ModelVersion, ServiceName, Feature, SeriesKey, Minute)
                WINDOW series AS (PARTITION BY SeriesKey ORDER BY Minute ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)))
        WHERE Minute >= toDateTime({{{from}}:DateTime}, 'UTC')
        """;
}
