using System.Globalization;

namespace Otel.Grafana.Tests.Harness;

/// <summary>
/// The global variables Grafana's browser substitutes into a panel query before the plugin sees it:
/// <c>$__from</c>/<c>$__to</c> (epoch ms; <c>:date</c>, <c>:date:iso</c>, <c>:date:seconds</c>), <c>$__interval</c>
/// ("1m"), <c>$__interval_ms</c>, <c>$__range</c>, <c>$__range_s</c>, <c>$__range_ms</c>. Other <c>$__</c> names are
/// the plugin's macros and are left for it. Alert rules never pass through here.
/// </summary>
internal static class GrafanaGlobalVariables
{
    public static string Substitute(string sql, GrafanaTimeRange range, TimeSpan interval) =>
        GrafanaVariableSyntax.Replace(sql, (name, format, _) => name switch
        {
            "__from" => Time(range.From, format),
            "__to" => Time(range.To, format),
            "__interval" => Hms(interval),
            "__interval_ms" => Number((long)interval.TotalMilliseconds),
            "__range" => Hms(range.Span),
            "__range_s" => Number((long)Math.Round(range.Span.TotalSeconds)),
            "__range_ms" => Number((long)range.Span.TotalMilliseconds),
            _ => null,
        });

    /// <summary>Grafana's rangeUtil.secondsToHms: the largest whole unit only (y, d, h, m, s, ms).</summary>
    public static string Hms(TimeSpan span)
    {
        var seconds = (long)Math.Floor(span.TotalSeconds);
        var years = seconds / 31_536_000;
        var days = seconds % 31_536_000 / 86_400;
        var hours = seconds % 31_536_000 % 86_400 / 3_600;
        var minutes = seconds % 31_536_000 % 86_400 % 3_600 / 60;
        var rest = seconds % 60;
        return (years, days, hours, minutes, rest) switch
        {
            ( > 0, _, _, _, _) => $"{years}y",
            (_, > 0, _, _, _) => $"{days}d",
            (_, _, > 0, _, _) => $"{hours}h",
            (_, _, _, > 0, _) => $"{minutes}m",
            (_, _, _, _, > 0) => $"{rest}s",
            _ => $"{(long)span.TotalMilliseconds}ms",
        };
    }

    private static string Time(DateTimeOffset time, string? format) => format switch
    {
        null => Number(time.ToUnixTimeMilliseconds()),
        "date" or "date:iso" => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        "date:seconds" => Number(time.ToUnixTimeSeconds()),
        _ => throw new GrafanaQueryException($"the harness does not render the time format '{format}'; use $__from, ${{__from:date:seconds}} or ${{__from:date:iso}}, or a macro such as $__fromTime"),
    };

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
