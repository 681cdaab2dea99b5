using System.Globalization;

namespace Otel.Grafana.Tests.Harness;

/// <summary>
/// The macros of grafana-clickhouse-datasource v4.20's backend (pkg/macros over macropro's defaults), each with
/// the exact text the Go code emits. Times are UTC seconds or milliseconds since the epoch; intervals are at
/// least 1 second (or 1 ms), truncated to whole units as Go's int() conversion does.
/// </summary>
internal static class PluginMacros
{
    private delegate string Macro(GrafanaTimeRange range, TimeSpan interval, IReadOnlyList<string> arguments);

    private static readonly Dictionary<string, Macro> s_macros = new(StringComparer.Ordinal)
    {
        ["timeFilter"] = (r, _, a) => Between(One("timeFilter", a), DateTime(r.From), DateTime(r.To)),
        ["timeFilter_ms"] = (r, _, a) => Between(One("timeFilter_ms", a), DateTime64(r.From), DateTime64(r.To)),
        ["timeFrom"] = (r, _, a) => $"{One("timeFrom", a)} >= {DateTime(r.From)}",
        ["timeTo"] = (r, _, a) => $"{One("timeTo", a)} <= {DateTime(r.To)}",
        ["fromTime"] = (r, _, _) => DateTime(r.From),
        ["toTime"] = (r, _, _) => DateTime(r.To),
        ["fromTime_ms"] = (r, _, _) => DateTime64(r.From),
        ["toTime_ms"] = (r, _, _) => DateTime64(r.To),
        ["dateFilter"] = (r, _, a) => Between(One("dateFilter", a), Date(r.From), Date(r.To)),
        ["dateTimeFilter"] = DateTimeFilter,
        ["dt"] = DateTimeFilter,
        ["timeInterval"] = (_, i, a) => $"toStartOfInterval(toDateTime({One("timeInterval", a)}), INTERVAL {Seconds(i)} second)",
        ["timeInterval_ms"] = (_, i, a) => $"toStartOfInterval(toDateTime64({One("timeInterval_ms", a)}, 3), INTERVAL {Milliseconds(i)} millisecond)",
        ["timeGroup"] = TimeGroup,
        ["interval_s"] = (_, i, _) => Seconds(i).ToString(CultureInfo.InvariantCulture),
        ["interval"] = (_, i, _) => GoDurations.Compact(i),
        ["interval_ms"] = (_, i, _) => ((long)i.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        ["table"] = (_, _, _) => throw new GrafanaQueryException("$__table: no table name in query context (the SQL editor sends none; name the table)"),
        ["column"] = (_, _, _) => throw new GrafanaQueryException("$__column: no column name in query context (the SQL editor sends none; name the column)"),
    };

    public static IEnumerable<string> Names => s_macros.Keys;

    public static bool TryExpand(string name, GrafanaTimeRange range, TimeSpan interval, IReadOnlyList<string> arguments, out string expansion)
    {
        if (!s_macros.TryGetValue(name, out var macro))
        {
            expansion = "";
            return false;
        }

        expansion = macro(range, interval, arguments);
        return true;
    }

    private static string DateTimeFilter(GrafanaTimeRange range, TimeSpan interval, IReadOnlyList<string> arguments)
    {
        Arity("dateTimeFilter", arguments, 2);
        return $"({Between(arguments[0], Date(range.From), Date(range.To))}) AND ({Between(arguments[1], DateTime(range.From), DateTime(range.To))})";
    }

    private static string TimeGroup(GrafanaTimeRange range, TimeSpan interval, IReadOnlyList<string> arguments)
    {
        Arity("timeGroup", arguments, 2);
        var period = arguments[1].Trim().Trim('\'', '"');
        var seconds = (long)Math.Round(GoDurations.Parse(period, "$__timeGroup").TotalSeconds, MidpointRounding.AwayFromZero);
        if (seconds <= 0)
        {
            throw new GrafanaQueryException($"$__timeGroup: interval must be positive, got \"{period}\"");
        }

        return $"toStartOfInterval(toDateTime({arguments[0].Trim()}), INTERVAL {seconds} second)";
    }

    private static string Between(string column, string from, string to) => $"{column} >= {from} AND {column} <= {to}";

    private static string DateTime(DateTimeOffset time) => $"toDateTime({time.ToUnixTimeSeconds()})";

    private static string DateTime64(DateTimeOffset time) => $"fromUnixTimestamp64Milli({time.ToUnixTimeMilliseconds()})";

    private static string Date(DateTimeOffset time) => $"toDate('{time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}')";

    private static long Seconds(TimeSpan interval) => (long)Math.Max(interval.TotalSeconds, 1);

    private static long Milliseconds(TimeSpan interval) => (long)Math.Max((long)interval.TotalMilliseconds, 1);

    private static string One(string macro, IReadOnlyList<string> arguments)
    {
        Arity(macro, arguments, 1);
        return arguments[0];
    }

    private static void Arity(string macro, IReadOnlyList<string> arguments, int expected)
    {
        if (arguments.Count != expected)
        {
            throw new GrafanaQueryException($"$__{macro} expected {expected} argument(s), received {arguments.Count}");
        }
    }
}
