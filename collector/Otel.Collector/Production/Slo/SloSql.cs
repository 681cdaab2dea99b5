using System.Globalization;
using Otel.Collector.ClickHouse;

namespace Otel.Collector.Production.Slo;

/// <summary>
/// One SLO's status as one ClickHouse query: events and bad events per minute of its window, from the
/// <c>http.server.request.duration</c> histogram (through <see cref="ServingMinutesSql.Increments"/>) or from server
/// spans (<c>ml_server_span_minutes</c>), summed over the SLO window and the seven burn-rate windows, then the SLI,
/// error budget, burn rates and alert state. Parameters: see <see cref="Parameters"/>.
/// </summary>
/// <remarks>
/// Windows end at <c>{window_to}</c>, the start of the minute after "now", so each holds whole minutes (the current one
/// partly filled). A latency SLI counts, per series, the requests in the buckets up to the threshold bound; where the
/// threshold is not a bound of a series, up to the highest bound below it (the conservative reading), and the status
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

    /// <summary>How many bounds of a series lie at or below the threshold: the buckets of requests within it.</summary>
    private const string BucketsWithin = $"arrayCount(b -> b <= {{threshold:Float64}} * (1 + {Tolerance}), Bounds)";

    private const string ThresholdIsBound = $"arrayExists(b -> abs(b - {{threshold:Float64}}) <= {Tolerance} * greatest(1, {{threshold:Float64}}), Bounds)";

    private const string Tolerance = "1e-9";

    /// <summary>The status query over the histogram.</summary>
    public static string FromMetrics(SloDefinition slo, string? version)
    {
        var bad = slo.Kind == SloKind.Latency
            ? $"greatest(toInt64(Increase) - toInt64(arraySum(arraySlice(Increases, 1, {BucketsWithin}))), 0)"
            : "if(StatusCode = '' OR toUInt16OrZero(StatusCode) >= 500, Increase, 0)";
        var increments = ServingMinutesSql.Increments("MetricName = 'http.server.request.duration' AND " + Filter(slo, version));
        return Status($"SELECT Minute, Increase AS MinuteEvents, {bad} AS MinuteBad, Bounds FROM ({increments})");
    }

    /// <summary>The status query over server spans, for services without the histogram.</summary>
    public static string FromSpans(SloDefinition slo, string? version)
    {
        var bad = slo.Kind == SloKind.Latency
            ? $"Count - if({BucketsWithin} = 0, 0, Within[{BucketsWithin}])"
            : "Errors";
        return Status($$"""
            SELECT Minute, Count AS MinuteEvents, {{bad}} AS MinuteBad, Bounds
            FROM (
                SELECT Minute, sum(Count) AS Count, sum(Errors) AS Errors, sumForEachMerge(Within) AS Within, any(Bounds) AS Bounds
                FROM ml_server_span_minutes
                WHERE {{Filter(slo, version)}}
                  AND Minute >= toDateTime({window_from:DateTime}, 'UTC') AND Minute < toDateTime({window_to:DateTime}, 'UTC')
                GROUP BY ServiceName, ModelName, ModelVersion, Route, Minute)
            """);
    }

    /// <summary>
    /// The query's parameters: the SLO's selectors, objective and threshold, and its window ending at the start of the
    /// minute after <paramref name="now"/>.
    /// </summary>
    public static QueryParameters Parameters(SloDefinition slo, string? version, DateTimeOffset now)
    {
        var end = ServingWindow.End(now);
        return new QueryParameters()
            .AddWindow(end.AddDays(-slo.WindowDays), end)
            .Add("model", slo.Model ?? string.Empty)
            .Add("service", slo.Service ?? string.Empty)
            .Add("route", slo.Route ?? string.Empty)
            .Add("version", version ?? string.Empty)
            .Add("objective", slo.Objective)
            .Add("threshold", slo.Threshold ?? 0)
            .Add("latency", slo.Kind == SloKind.Latency ? 1 : 0);
    }

    /// <summary>The requests an SLO covers, over columns both sources have; values are parameters.</summary>
    private static string Filter(SloDefinition slo, string? version)
    {
        var conditions = new List<string>();
        if (slo.Model is not null)
        {
            conditions.Add("ModelName = {model:String}");
        }

        if (slo.Service is not null)
        {
            conditions.Add("ServiceName = {service:String}");
        }

        if (slo.Route is not null)
        {
            conditions.Add("Route = {route:String}");
        }

        if (version is not null)
        {
            conditions.Add("ModelVersion = {version:String}");
        }

        return conditions.Count == 0 ? "1" : string.Join(" AND ", conditions);
    }

    /// <summary>Sums the rows of <paramref name="minutes"/> (Minute, MinuteEvents, MinuteBad, Bounds) per window and derives the status.</summary>
    private static string Status(string minutes)
    {
        var sums = string.Join(",\n", Windows.Select(w => string.Create(CultureInfo.InvariantCulture,
            $"sumIf(MinuteEvents, Minute >= toDateTime({{window_to:DateTime}}, 'UTC') - {w.Seconds}) AS Events{w.Name}, "
            + $"sumIf(MinuteBad, Minute >= toDateTime({{window_to:DateTime}}, 'UTC') - {w.Seconds}) AS Bad{w.Name}")));
        var burns = string.Join(",\n", Windows.Select(w =>
            $"if(Events{w.Name} = 0, 0, Bad{w.Name} / Events{w.Name} / (1 - {{objective:Float64}})) AS {w.Column}"));
        return $$"""
            SELECT Events, Bad,
                   if(Events = 0, NULL, (Events - Bad) / Events) AS Sli,
                   1 - if(Events = 0, 0, Bad / Events / (1 - {objective:Float64})) AS ErrorBudgetRemaining,
                   {{burns}},
                   {{Alert}} AS Alert,
                   MissingBounds
            FROM (
                SELECT toInt64(sum(MinuteEvents)) AS Events, toInt64(sum(MinuteBad)) AS Bad,
                       {{sums}},
                       groupUniqArrayIf(Bounds, {latency:UInt8} = 1 AND NOT {{ThresholdIsBound}}) AS MissingBounds
                FROM ({{minutes}}))
            """;
    }
}
