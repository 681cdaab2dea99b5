using System.Text;
using System.Text.RegularExpressions;

namespace Otel.Collector.Redaction;

/// <summary>Decides whether a captured name (<c>Password</c> in <c>Password=…</c>) names a secret.</summary>
internal delegate bool SecretNameFilter(ReadOnlySpan<char> name);

/// <summary>The name inside a whole match (<c>Password</c> of <c>Password=x</c>), read without a <see cref="Match"/> object.</summary>
internal delegate ReadOnlySpan<char> NameReader(ReadOnlySpan<char> match);

/// <summary>
/// One rule that finds secrets inside text: a pattern whose group <c>secret</c> (or whole match) is
/// replaced by the marker, an optional filter on the name the match holds, and literal hints without
/// which the pattern cannot match (so most values never run it). Matches are enumerated without
/// allocating; a <see cref="Match"/> is built only for a match that is redacted.
/// </summary>
internal sealed class TextRule
{
    private readonly Regex pattern;
    private readonly int secretGroup;
    private readonly NameReader? nameReader;
    private readonly SecretNameFilter? nameFilter;

    public TextRule(string name, Regex pattern, string[]? hints, NameReader? nameReader = null, SecretNameFilter? nameFilter = null)
    {
        Name = name;
        this.pattern = pattern;
        Hints = hints is null ? null : new TextHints(hints);
        this.nameReader = nameReader;
        this.nameFilter = nameFilter;
        secretGroup = Math.Max(0, pattern.GroupNumberFromName("secret"));
    }

    public string Name { get; }

    /// <summary>Literal hints, or null when the rule must always run (user patterns).</summary>
    public TextHints? Hints { get; }

    /// <summary>Replaces every secret the rule finds; returns <paramref name="text"/> itself when there is none.</summary>
    public string Apply(string text, string marker, RedactionCounters counters)
    {
        if (Hints is not null && !Hints.AnyIn(text))
        {
            return text;
        }

        try
        {
            return Replace(text, marker, counters);
        }
        catch (RegexMatchTimeoutException)
        {
            // Only user patterns have a timeout; failing closed keeps a secret from slipping through a slow pattern.
            counters.Add(Name, 1);
            return marker;
        }
    }

    private string Replace(string text, string marker, RedactionCounters counters)
    {
        StringBuilder? redacted = null;
        var copied = 0;
        var count = 0;
        foreach (var match in pattern.EnumerateMatches(text))
        {
            if (nameReader is not null && nameFilter is not null && !nameFilter(nameReader(text.AsSpan(match.Index, match.Length))))
            {
                continue;
            }

            var (index, length) = (match.Index, match.Length);
            if (secretGroup > 0)
            {
                // The same match, now with groups: a regex finds the same leftmost match from the same start.
                var secret = pattern.Match(text, match.Index).Groups[secretGroup];
                (index, length) = secret.Success ? (secret.Index, secret.Length) : (0, 0);
            }

            if (length == 0 || text.AsSpan(index, length).SequenceEqual(marker))
            {
                continue;
            }

            redacted ??= new StringBuilder(text.Length);
            redacted.Append(text, copied, index - copied).Append(marker);
            copied = index + length;
            count++;
        }

        if (redacted is null)
        {
            return text;
        }

        counters.Add(Name, count);
        return redacted.Append(text, copied, text.Length - copied).ToString();
    }
}
