using System.Globalization;
using Otel.Collector.ClickHouse;
using Otel.Collector.Production.Increments;

namespace Otel.Collector.Production.Slo;

/// <summary>
/// SLO statuses in ClickHouse: events and bad events per minute (or stored hour) of each SLO's window, from the
/// <c>http.server.request.duration</c> histogram's stored increments (<see cref="ServingIncrementsSql.Window"/>) or from
/// server spans (<c>ml_server_span_minutes</c>), summed over the SLO window and the seven burn-rate windows, then the
/// SLI, error budget, burn rates and alert state. The histogram is read once for a whole list of SLOs: each row counts
/// for every SLO whose selectors it matches, and the result has one row per SLO with events (<c>Slo</c>, its 1-based
/// position in the list). Parameters: see <see cref="Parameters"/>.
/// </summary>
/// <remarks>
/// Windows end at <c>{window_to}</c>, the start of the minute after "now", so each holds whole minutes (the current one
/// partly filled); every window start is a cut of <see cref="ServingIncrementsSql.AddIncrementsWindow"/>, so no stored
/// hour straddles one. A latency SLI counts, per series, the requests in the buckets up to the threshold bound; where
/// the threshold is not a bound of a series, up to the highest bound below it (the conservative reading), and the status
/// says so. Availability: an error is a status code of 500 or more; a request with no status code is an error too,
/// because OpenTelemetry sets none only when the request ended with an error (error.type set). Burn rates and the
/// error budget: bad / events / (1 - objective), 0 without events in the window.
/// </remarks>
internal static class SloSql
{
    /// <summary>The burn-rate windows, in seconds, by the names the API uses.</summary>
    public static IReadOnlyList<(string Name, string Column, int Seconds)> Windows { get; } =
    [
        ("5m", "Burn5m", 300), ("30m", "Burn30m", 1800), ("1h", "Burn1h", 3600), ("2h", "Burn2h", 7200),
        ("6h", "Burn6h", 21600), ("1d", "Burn1d", 86400), ("3d", "Burn3d", 259200),
    ];

    /// <summary>Multi-window, multi-burn-rate alerting (Google SRE workbook, chapter 5), over the columns of <see cref="Windows"/>.</summary>
    public const string Alert = """
        multiIf((Burn1h > 14.4 AND Burn5m > 14.4) OR (Burn6h > 6 AND Burn30m > 6), 'page',
                (Burn1d > 3 AND Burn2h > 3) OR (Burn3d > 1 AND Burn6h > 1), 'ticket',
                'none')
        """;

    private const string Latency = "{slo_kinds:Array(String)}[Slo] = 'latency'";

    private const string Threshold = "toFloat64({slo_thresholds:Array(String)}[Slo])";

    /// <summary>How many bounds of a series lie at or below the threshold: the buckets of requests within it.</summary>
    private const string BucketsWithin = $"arrayCount(b -> b <= {Threshold} * (1 + {Tolerance}), Bounds)";

    private const string ThresholdIsBound = $"arrayExists(b -> abs(b - {Threshold}) <= {Tolerance} * greatest(1, {Threshold}), Bounds)";

    private const string Tolerance = "1e-9";

    /// <summary>The statuses of every SLO of the list over the histogram, in one query.</summary>
    public static string FromMetrics { get; } = Status($$"""
        SELECT Slo, Minute, toInt64(Increase) AS MinuteEvents,
               if({{Latency}},
                  greatest(toInt64(Increase) - toInt64(arraySum(arraySlice(Increases, 1, {{BucketsWithin}}))), 0),
                  toInt64(if(StatusCode = '' OR toUInt16OrZero(StatusCode) >= 500, Increase, 0))) AS MinuteBad,
               Bounds
        FROM (SELECT *, arrayJoin(arrayFilter(i -> {{Covers("i")}}, range(1, length({slo_kinds:Array(String)}) + 1))) AS Slo
              FROM ({{ServingIncrementsSql.Window("MetricName = 'http.server.request.duration' AND ({version:String} = '' OR ModelVersion = {version:String})")}}))
        """);

    /// <summary>The status of the SLO at position <c>{slo:UInt32}</c> of the list over server spans, for services without the histogram.</summary>
    public static string FromSpans { get; } = Status($$"""
        SELECT Slo, Minute, toInt64(Count) AS MinuteEvents,
               toInt64(if({{Latency}}, Count - if({{BucketsWithin}} = 0, 0, Within[{{BucketsWithin}}]), Errors)) AS MinuteBad, Bounds
        FROM (
            SELECT {slo:UInt32} AS Slo, Minute, sum(Count) AS Count, sum(Errors) AS Errors, sumForEachMerge(Within) AS Within, any(Bounds) AS Bounds
            FROM ml_server_span_minutes
            WHERE {{Covers("{slo:UInt32}")}} AND ({version:String} = '' OR ModelVersion = {version:String})
              AND Minute >= toDateTime({window_from:DateTime}, 'UTC') AND Minute < toDateTime({window_to:DateTime}, 'UTC')
            GROUP BY ServiceName, ModelName, ModelVersion, Route, Minute)
        """);

    /// <summary>
    /// The parameters of both queries: each SLO's selectors, kind, objective, threshold and window (arrays in the order
    /// of <paramref name="slos"/>; an empty selector matches every value), the version (empty: every version), and the
    /// longest SLO window ending at the start of the minute after <paramref name="now"/>, as far as
    /// <paramref name="progress"/> has stored it.
    /// </summary>
    public static QueryParameters Parameters(IReadOnlyList<SloDefinition> slos, string? version, DateTimeOffset now, IncrementsProgress progress)
    {
        ArgumentNullException.ThrowIfNull(slos);
        var end = ServingWindow.End(now);
        var starts = slos.Select(slo => end.AddDays(-slo.WindowDays)).ToList();
        var cuts = Windows.Select(w => end.AddSeconds(-w.Seconds)).Concat(starts);
        return new QueryParameters()
            .AddIncrementsWindow(progress, starts.Min(), end, cuts)
            .Add("slo_kinds", slos.Select(slo => slo.Kind.Name()))
            .Add("slo_models", slos.Select(slo => slo.Model ?? string.Empty))
            .Add("slo_services", slos.Select(slo => slo.Service ?? string.Empty))
            .Add("slo_routes", slos.Select(slo => slo.Route ?? string.Empty))
            .Add("slo_objectives", slos.Select(slo => Number(slo.Objective)))
            .Add("slo_thresholds", slos.Select(slo => Number(slo.Threshold ?? 0)))
            .Add("slo_window_days", slos.Select(slo => slo.WindowDays.ToString(CultureInfo.InvariantCulture)))
            .Add("version", version ?? string.Empty);
    }

    /// <summary>Whether a row (of either source) counts for the SLO at position <paramref name="slo"/>: its selectors and its window.</summary>
    private static string Covers(string slo) => $$"""
        ({slo_models:Array(String)}[{{slo}}] = '' OR ModelName = {slo_models:Array(String)}[{{slo}}])
        AND ({slo_services:Array(String)}[{{slo}}] = '' OR ServiceName = {slo_services:Array(String)}[{{slo}}])
        AND ({slo_routes:Array(String)}[{{slo}}] = '' OR Route = {slo_routes:Array(String)}[{{slo}}])
        AND Minute >= toDateTime({window_to:DateTime}, 'UTC') - toIntervalDay(toUInt32({slo_window_days:Array(String)}[{{slo}}]))
        """;

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Sums the rows of <paramref name="minutes"/> (Slo, Minute, MinuteEvents, MinuteBad, Bounds) per SLO and window and derives the status.</summary>
    private static string Status(string minutes)
    {
        var sums = string.Join(",\n", Windows.Select(w => string.Create(CultureInfo.InvariantCulture,
            $"sumIf(MinuteEvents, Minute >= toDateTime({{window_to:DateTime}}, 'UTC') - {w.Seconds}) AS Events{w.Name}, "
            + $"sumIf(MinuteBad, Minute >= toDateTime({{window_to:DateTime}}, 'UTC') - {w.Seconds}) AS Bad{w.Name}")));
        var burns = string.Join(",\n", Windows.Select(w =>
            $"if(Events{w.Name} = 0, 0, Bad{w.Name} / Events{w.Name} / (1 - Objective)) AS {w.Column}"));
        return $$"""
            SELECT Slo, Events, Bad,
                   if(Events = 0, NULL, (Events - Bad) / Events) AS Sli,
                   1 - if(Events = 0, 0, Bad / Events / (1 - Objective)) AS ErrorBudgetRemaining,
                   {{burns}},
                   {{Alert}} AS Alert,
                   MissingBounds
            FROM (
                SELECT Slo, toFloat64({slo_objectives:Array(String)}[Slo]) AS Objective,
                       toInt64(sum(MinuteEvents)) AS Events, toInt64(sum(MinuteBad)) AS Bad,
                       {{sums}},
                       groupUniqArrayIf(Bounds, {{Latency}} AND NOT {{ThresholdIsBound}}) AS MissingBounds
                FROM ({{minutes}})
                GROUP BY Slo)
            ORDER BY Slo
            """;
    }
}
