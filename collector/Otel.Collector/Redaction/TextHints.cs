using System.Buffers;

namespace Otel.Collector.Redaction;

/// <summary>
/// Literal hints without which a rule cannot match, checked case-insensitively before any regular
/// expression runs. A hint starting with '^' must begin the text. One-character hints are searched
/// as characters and two-character ones as a character after a character, because a vectorized
/// string search with needles shorter than three characters falls back to a path ~30 times slower.
/// </summary>
internal sealed class TextHints
{
    private readonly SearchValues<char>? chars;
    private readonly SearchValues<char>? pairEnds;
    private readonly string[] pairs;
    private readonly SearchValues<string>? strings;
    private readonly string[] prefixes;

    public TextHints(IEnumerable<string> hints)
    {
        All = [.. hints.Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
        prefixes = [.. All.Where(h => h.Length > 1 && h[0] == '^').Select(h => h[1..])];
        var anywhere = All.Where(h => h[0] != '^').ToList();
        var single = anywhere.Where(h => h.Length == 1).SelectMany(h => BothCases(h[0])).ToArray();
        pairs = [.. anywhere.Where(h => h.Length == 2)];
        var longer = anywhere.Where(h => h.Length > 2).ToArray();
        chars = single.Length > 0 ? SearchValues.Create(single) : null;
        pairEnds = pairs.Length > 0 ? SearchValues.Create([.. pairs.SelectMany(p => BothCases(p[1]))]) : null;
        strings = longer.Length > 0 ? SearchValues.Create(longer, StringComparison.OrdinalIgnoreCase) : null;
    }

    public IReadOnlyList<string> All { get; }

    public bool AnyIn(ReadOnlySpan<char> text)
    {
        if ((chars is not null && text.ContainsAny(chars)) || (strings is not null && text.ContainsAny(strings)) || HasPair(text))
        {
            return true;
        }

        foreach (var prefix in prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasPair(ReadOnlySpan<char> text)
    {
        if (pairEnds is null)
        {
            return false;
        }

        for (var i = text.IndexOfAny(pairEnds); i >= 0; i = NextIndex(text, i, pairEnds))
        {
            if (i > 0 && IsPair(text[i - 1], text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsPair(char first, char second)
    {
        foreach (var pair in pairs)
        {
            if (char.ToLowerInvariant(pair[0]) == char.ToLowerInvariant(first) && char.ToLowerInvariant(pair[1]) == char.ToLowerInvariant(second))
            {
                return true;
            }
        }

        return false;
    }

    private static int NextIndex(ReadOnlySpan<char> text, int i, SearchValues<char> values)
    {
        var next = text[(i + 1)..].IndexOfAny(values);
        return next < 0 ? -1 : i + 1 + next;
    }

    private static char[] BothCases(char c) => [char.ToLowerInvariant(c), char.ToUpperInvariant(c)];
}
