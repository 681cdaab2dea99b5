namespace Otel.Cli;

/// <summary>"Did you mean": the known name closest to a mistyped one, by edit distance with swapped neighbours counting once.</summary>
internal static class Suggestions
{
    /// <summary>
    /// The name in <paramref name="known"/> nearest to <paramref name="typed"/>, or null when none is near enough: at most
    /// two edits, and fewer than half the name's length (so that 'ls' does not suggest 'slo').
    /// </summary>
    public static string? Closest(string typed, IEnumerable<string> known) => known
        .Select(name => (Name: name, Distance: Distance(typed, name)))
        .Where(c => c.Distance <= 2 && c.Distance * 2 < c.Name.Length)
        .OrderBy(c => c.Distance)
        .ThenBy(c => c.Name, StringComparer.Ordinal)
        .Select(c => c.Name)
        .FirstOrDefault();

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and transpositions of neighbours.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
