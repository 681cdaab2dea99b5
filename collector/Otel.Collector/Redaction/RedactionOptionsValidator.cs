using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Otel.Collector.Redaction;

/// <summary>Collects every invalid redaction option at once, each message naming the option and the value to fix.</summary>
internal static class RedactionOptionsValidator
{
    public const int MaxMarkerLength = 64;

    /// <summary>Characters the rules treat as delimiters; a marker holding one would not survive a second pass unchanged.</summary>
    private const string ForbiddenMarkerChars = ";&#@/:=\"'{}";

    private static readonly SearchValues<char> ForbiddenMarkerValues = SearchValues.Create(ForbiddenMarkerChars);

    public static IReadOnlyList<string> Validate(RedactionOptions options)
    {
        var errors = new List<string>();
        CheckMarker(errors, options.Marker);
        CheckPatterns(errors, nameof(RedactionOptions.ExtraKeyPatterns), options.ExtraKeyPatterns);
        CheckPatterns(errors, nameof(RedactionOptions.ExtraValuePatterns), options.ExtraValuePatterns);
        for (var i = 0; i < options.AllowKeys.Count; i++)
        {
            if (string.IsNullOrEmpty(options.AllowKeys[i]))
            {
                errors.Add(Invariant($"RedactionOptions.AllowKeys[{i}] is empty; list exact attribute keys"));
            }
        }

        foreach (var rule in options.DisabledRules)
        {
            if (!RedactionRules.BuiltIn.Contains(rule, StringComparer.Ordinal))
            {
                errors.Add($"RedactionOptions.DisabledRules '{rule}' is not a built-in rule; the rules are: {string.Join(", ", RedactionRules.BuiltIn)}");
            }
        }

        return errors;
    }

    private static void CheckMarker(List<string> errors, string? marker)
    {
        if (string.IsNullOrEmpty(marker))
        {
            errors.Add("RedactionOptions.Marker is empty; it needs the text that replaces a secret, e.g. [REDACTED]");
        }
        else if (marker.Length > MaxMarkerLength || marker.Any(char.IsWhiteSpace) || marker.AsSpan().IndexOfAny(ForbiddenMarkerValues) >= 0)
        {
            errors.Add(Invariant($"RedactionOptions.Marker '{marker}' must be at most {MaxMarkerLength} characters without whitespace or any of {ForbiddenMarkerChars}"));
        }
    }

    private static void CheckPatterns(List<string> errors, string option, IList<string> patterns)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            var pattern = patterns[i];
            if (string.IsNullOrEmpty(pattern))
            {
                errors.Add(Invariant($"RedactionOptions.{option}[{i}] is empty"));
                continue;
            }

            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant);
            }
            catch (ArgumentException e)
            {
                errors.Add(Invariant($"RedactionOptions.{option}[{i}] '{pattern}' is not a valid regular expression: {e.Message}"));
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
