namespace Otel.Collector.Production.Linkage;

/// <summary>
/// A window of production telemetry ending now, as the API takes it: a whole number of minutes, hours or days
/// (<c>15m</c>, <c>24h</c>, <c>7d</c>; <see cref="ServingWindow"/>), ending with the current minute.
/// </summary>
internal sealed record ProductionWindow(string Text, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>What readers use when the request names none: the last day.</summary>
    public const string DefaultText = "24h";

    /// <summary>The window <paramref name="text"/> (default <see cref="DefaultText"/>) ending at <paramref name="now"/>, or an error saying what to write.</summary>
    public static (ProductionWindow? Window, string? Error) Parse(string? text, DateTimeOffset now)
    {
        text = string.IsNullOrEmpty(text) ? DefaultText : text;
        try
        {
            var (from, to) = ServingWindow.Parse(text).EndingAt(now);
            return (new ProductionWindow(text, from, to), null);
        }
        catch (FormatException bad)
        {
            return (null, bad.Message);
        }
    }
}
