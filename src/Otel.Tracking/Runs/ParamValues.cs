using System.Globalization;

namespace Otel.Tracking.Runs;

/// <summary>Maps parameter values to the four attribute types of wire contract v1: string, bool, long, double.</summary>
internal static class ParamValues
{
    public static object? Normalize(object? value) => value switch
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
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
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
}
