using System.Globalization;

namespace Otel.Collector.Production.Linkage;

/// <summary>
/// A window of production telemetry ending now, as the API takes it: a whole number of minutes, hours or days
/// (<c>15m</c>, <c>24h</c>, <c>7d</c>), at most <see cref="Longest"/>.
/// </summary>
internal sealed record ProductionWindow(string Text, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>What readers use when the request names none: the last day.</summary>
    public const string DefaultText = "24h";

    public static readonly TimeSpan Longest = TimeSpan.FromDays(31);

    /// <summary>The window <paramref name="text"/> (default <see cref="DefaultText"/>) ending at <paramref name="now"/>, or an error saying what to write.</summary>
    public static (ProductionWindow? Window, string? Error) Parse(string? text, DateTimeOffset now)
    {
        text = string.IsNullOrEmpty(text) ? DefaultText : text;
        // The count is bounded before it becomes a TimeSpan, which would overflow on a huge one.
        var length = text.Length > 1 && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                && count is > 0 and <= 1_000_000
            ? text[^1] switch
            {
                'm' => TimeSpan.FromMinutes(count),
                'h' => TimeSpan.FromHours(count),
                'd' => TimeSpan.FromDays(count),
                _ => (TimeSpan?)null,
            }
            : null;
        if (length is not { } span || span > Longest)
        {
            return (null, $"window '{text}' is not a duration such as 15m, 24h or 7d (whole minutes, hours or days, at most {Longest.TotalDays:0}d)");
        }

        // Whole minutes: the pre-aggregates are per minute, so a window cut mid-minute would count that minute whole.
        var to = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1);
        return (new ProductionWindow(text, to - span, to), null);
    }
}
