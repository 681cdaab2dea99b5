namespace Otel.Cli.Output;

/// <summary>
/// Shortens column names that are wider than their values, keeping both ends (<c>val_accuracy</c> → <c>val_…acy</c>), since metric
/// and param names differ most at their start (val_/train_) and their end (_loss/_accuracy).
/// </summary>
internal static class HeaderAbbreviation
{
    /// <summary>No name is shortened below this: shorter, the two ends say nothing.</summary>
    public const int MinimumWidth = 8;

    private const char Ellipsis = '…';

    /// <summary>
    /// Each name shortened to its target width (never below <see cref="MinimumWidth"/>), then lengthened where two would read the
    /// same. Names already within their target come back unchanged.
    /// </summary>
    public static IReadOnlyList<string> Abbreviate(IReadOnlyList<string> names, IReadOnlyList<int> targetWidths)
    {
        var widths = names.Select((n, i) => Math.Min(n.Length, Math.Max(MinimumWidth, targetWidths[i]))).ToArray();
        while (true)
        {
            var shortened = names.Select((n, i) => Elide(n, widths[i])).ToList();
            var clash = shortened.Select((s, i) => (s, i))
                .GroupBy(x => x.s, StringComparer.Ordinal)
                .Where(g => g.Count() > 1)
                .SelectMany(g => g.Select(x => x.i))
                .Where(i => widths[i] < names[i].Length)
                .ToList();
            if (clash.Count == 0)
            {
                return shortened;
            }

            foreach (var i in clash)
            {
                widths[i]++;
            }
        }
    }

    /// <summary>The name in <paramref name="width"/> characters: its start and end around an ellipsis, the start a little longer.</summary>
    public static string Elide(string name, int width)
    {
        if (name.Length <= width)
        {
            return name;
        }

        var kept = width - 1;
        var tail = kept / 2;
        return string.Concat(name.AsSpan(0, kept - tail), Ellipsis.ToString(), name.AsSpan(name.Length - tail));
    }
}
