using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Otel.Collector.Query;

/// <summary>
/// Typed query-string parameters of the /api routes, read with one rule: absent is null; present but not of the type or
/// outside its range is a 400 whose JSON error names the parameter, what it got and what it allows. (Binding such
/// parameters as <c>int?</c> in a route answers a bare 400 with no body, which says nothing.)
/// </summary>
internal static class QueryStringValues
{
    /// <summary>How much of a bad value an error repeats: enough to recognise it, never a whole URL.</summary>
    private const int EchoedLength = 64;

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or the 400 that says it is not.</summary>
    public static IResult? Int(string? text, string name, int min, int max, out int? value)
    {
        value = null;
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            return Bad(name, text, $"a whole number from {min} to {max}");
        }

        value = parsed;
        return null;
    }

    /// <summary><c>true</c> or <c>false</c> (any case), or the 400 that says it is neither.</summary>
    public static IResult? Bool(string? text, string name, out bool? value)
    {
        value = null;
        if (text is null)
        {
            return null;
        }

        if (!bool.TryParse(text, out var parsed))
        {
            return Bad(name, text, "true or false");
        }

        value = parsed;
        return null;
    }

    /// <summary>A finite number from <paramref name="min"/> to <paramref name="max"/>, or the 400 that says it is not.</summary>
    public static IResult? Double(string? text, string name, double min, double max, out double? value)
    {
        value = null;
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !(parsed >= min && parsed <= max))
        {
            return Bad(name, text, $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        }

        value = parsed;
        return null;
    }

    private static IResult Bad(string name, string text, string allowed)
    {
        var shown = text.Length > EchoedLength ? text[..EchoedLength] + "…" : text;
        return QueryApi.Error(StatusCodes.Status400BadRequest, $"query parameter '{name}' must be {allowed}; got '{shown}'");
    }
}
