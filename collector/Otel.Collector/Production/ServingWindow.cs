using System.Globalization;
using System.Text.RegularExpressions;

namespace Otel.Collector.Production;

/// <summary>
/// A window of serving telemetry as users write it, in minutes, hours or days (<c>15m</c>, <c>1h</c>, <c>1d</c>): whole
/// minutes, as serving telemetry is kept per minute. Drift, linkage and serving cost all take windows this way.
/// </summary>
internal sealed partial record ServingWindow(string Name, TimeSpan Length)
{
    /// <summary>The longest window: a month of minutes is what the SLO windows read too.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(30);

    public static ServingWindow FifteenMinutes { get; } = new("15m", TimeSpan.FromMinutes(15));

    public static ServingWindow OneHour { get; } = new("1h", TimeSpan.FromHours(1));

    public static ServingWindow OneDay { get; } = new("1d", TimeSpan.FromDays(1));

    /// <exception cref="FormatException">Not a number of minutes, hours or days from 1 minute to 30 days; the message says what to write.</exception>
    public static ServingWindow Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Pattern().Match(text);
        if (match.Success && long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 43_200)
        {
            var length = match.Groups["unit"].Value switch
            {
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
            if (length <= Longest)
            {
                return new ServingWindow(text, length);
            }
        }

        throw new FormatException($"window '{text}' is not a length from 1m to 30d: write minutes, hours or days such as 15m, 1h, 6h or 1d");
    }

    /// <summary>The window ending with the minute <paramref name="now"/> is in (which counts with what has arrived of it).</summary>
    public (DateTimeOffset From, DateTimeOffset To) EndingAt(DateTimeOffset now)
    {
        var to = End(now);
        return (to - Length, to);
    }

    /// <summary>The start of the minute after <paramref name="now"/>: windows hold whole minutes, the current one included.</summary>
    public static DateTimeOffset End(DateTimeOffset now) =>
        new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1);

    [GeneratedRegex("^(?<n>[0-9]{1,5})(?<unit>[mhd])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
