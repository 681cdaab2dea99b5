using System.Collections;
using System.Globalization;

namespace Otel.Tracking.Runs;

/// <summary>
/// Maps parameter values to the four attribute types of wire contract v1: string, bool, long, double. Values of other
/// types become the text MLflow users expect to filter on: dates in ISO 8601, lists as JSON arrays, enums by name.
/// </summary>
internal static class ParamValues
{
    /// <summary>The value as sent, or null for a null value; a value with no meaningful text is refused.</summary>
    /// <exception cref="ArgumentException">The value's only text is its type name (naming <paramref name="key"/> and the type).</exception>
    public static object? Normalize(string key, object? value) => value switch
    {
        null => null,
        string or bool or long or double => value,
        int i => (long)i,
        short s => (long)s,
        sbyte sb => (long)sb,
        byte b => (long)b,
        ushort us => (long)us,
        uint ui => (long)ui,
        ulong ul when ul <= long.MaxValue => (long)ul,

        // Via the shortest round-trip text, so 0.1f is sent as 0.1 rather than 0.10000000149011612.
        float f => double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        decimal m => (double)m,
        Enum e => e.ToString(),
        DateTimeOffset or DateTime or DateOnly or TimeOnly => ParamDates.ToText(value),
        IEnumerable items => ParamJson.ToText(key, items),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => MeaningfulText(key, value),
    };

    /// <summary>
    /// The text the collector stores for a normalized value (as its AttributeText does), so that a value logged now
    /// compares with one read back from the query API.
    /// </summary>
    public static string ToText(object normalized) => normalized switch
    {
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => normalized.ToString() ?? string.Empty,
    };

    /// <summary>An object's own text; object.ToString's type name (or nothing) would store a value no filter can find.</summary>
    internal static string MeaningfulText(string key, object value)
    {
        var text = value.ToString();
        var type = value.GetType();
        if (string.IsNullOrEmpty(text) || text == type.ToString())
        {
            throw new ArgumentException(
                $"Param '{key}' has a value of type {type} whose text is only its type name, so it cannot be stored as a param. " +
                "Log a string, number, bool, date, enum or list, or a type whose ToString() says what its value is.", nameof(value));
        }

        return text;
    }
}
