using System.Globalization;
using System.Text.RegularExpressions;

namespace Otel.Grafana.Tests.Harness.Alerting;

/// <summary>
/// ClickHouse's <c>now()</c>, <c>now64(P)</c> and <c>today()</c> in a rule's SQL pinned to the evaluation time. Grafana
/// evaluates a rule at one moment and the server's clock is that moment; the harness evaluates at a chosen time (when
/// seeding ended) that may be minutes before the query runs, so the server clock is written out as that time.
/// </summary>
internal static partial class ServerNow
{
    public static string Pin(string sql, DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var nanoseconds = ((utc.Ticks % TimeSpan.TicksPerSecond) * 100).ToString("D9", CultureInfo.InvariantCulture);
        var pinned = Now64().Replace(sql, match =>
        {
            var precision = match.Groups[1].Value.Length > 0 ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 3;
            var fraction = precision == 0 ? "" : "." + nanoseconds[..Math.Min(precision, 9)];
            return string.Create(CultureInfo.InvariantCulture, $"toDateTime64('{utc:yyyy-MM-dd HH:mm:ss}{fraction}', {precision}, 'UTC')");
        });
        pinned = Now().Replace(pinned, string.Create(CultureInfo.InvariantCulture, $"toDateTime('{utc:yyyy-MM-dd HH:mm:ss}', 'UTC')"));
        return Today().Replace(pinned, string.Create(CultureInfo.InvariantCulture, $"toDate('{utc:yyyy-MM-dd}')"));
    }

    [GeneratedRegex(@"\bnow64\s*\(\s*(\d*)\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex Now64();

    [GeneratedRegex(@"\bnow\s*\(\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex Now();

    [GeneratedRegex(@"\btoday\s*\(\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex Today();
}
