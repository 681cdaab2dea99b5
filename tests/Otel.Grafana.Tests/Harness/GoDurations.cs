using System.Globalization;
using System.Text.RegularExpressions;

namespace Otel.Grafana.Tests.Harness;

/// <summary>Go's duration strings as the plugin parses (time.ParseDuration) and macropro prints them.</summary>
internal static partial class GoDurations
{
    /// <summary>"5m", "1h30m", "1.5h", "300ms": units ns, us, µs, ms, s, m, h.</summary>
    public static TimeSpan Parse(string text, string macro)
    {
        var parts = DurationPart().Matches(text);
        if (text.Length == 0 || parts.Sum(p => p.Length) != text.Length)
        {
            throw new GrafanaQueryException($"{macro}: invalid interval \"{text}\" (write a Go duration such as 5m, 1h or 30s)");
        }

        var ticks = 0.0;
        foreach (Match part in parts)
        {
            var value = double.Parse(part.Groups["value"].Value, CultureInfo.InvariantCulture);
            ticks += value * part.Groups["unit"].Value switch
            {
                "ns" => 0.01,
                "us" or "µs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
        }

        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>macropro's FormatDuration: the largest whole unit (h, m, s) or else milliseconds.</summary>
    public static string Compact(TimeSpan duration)
    {
        duration = duration.Duration();
        return duration switch
        {
            { Ticks: 0 } => "0s",
            _ when duration.Ticks % TimeSpan.TicksPerHour == 0 => $"{(long)duration.TotalHours}h",
            _ when duration.Ticks % TimeSpan.TicksPerMinute == 0 => $"{(long)duration.TotalMinutes}m",
            _ when duration.Ticks % TimeSpan.TicksPerSecond == 0 => $"{(long)duration.TotalSeconds}s",
            _ => $"{(long)duration.TotalMilliseconds}ms",
        };
    }

    [GeneratedRegex(@"(?<value>[0-9]*\.?[0-9]+)(?<unit>ns|us|µs|ms|s|m|h)")]
    private static partial Regex DurationPart();
}
