using System.Globalization;

namespace Otel.Tracking.Runs;

/// <summary>
/// Dates and times as param text in ISO 8601, as Python's <c>isoformat()</c> writes them: the offset when the value has
/// one (a UTC or local DateTime, a DateTimeOffset), none for an unspecified DateTime (it does not say which zone it is in),
/// and fractional seconds only when there are any.
/// </summary>
internal static class ParamDates
{
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF";
    private const string OffsetFormat = DateTimeFormat + "zzz";

    public static string ToText(object value) => value switch
    {
        DateTimeOffset offset => offset.ToString(OffsetFormat, CultureInfo.InvariantCulture),
        DateTime { Kind: DateTimeKind.Unspecified } unspecified => unspecified.ToString(DateTimeFormat, CultureInfo.InvariantCulture),
        DateTime { Kind: DateTimeKind.Utc } utc => new DateTimeOffset(utc, TimeSpan.Zero).ToString(OffsetFormat, CultureInfo.InvariantCulture),
        DateTime local => new DateTimeOffset(local).ToString(OffsetFormat, CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "not a date or time"),
    };
}
