namespace Otel.Cli.Output;

/// <summary>
/// How a table with optional columns fits a width: the most relevant optional columns that fit with their full names, or more of
/// them with long names abbreviated (<see cref="HeaderAbbreviation"/>) when that makes room for more. Widths count the rounded border
/// that <see cref="Tables.New"/> draws.
/// </summary>
internal static class TableFit
{
    /// <summary>A column that may be left out: its name and the width of its widest value.</summary>
    public sealed record Optional(string Header, int ValueWidth);

    /// <param name="Count">How many optional columns (the first ones, most relevant first) are shown.</param>
    /// <param name="Headers">Their names, some abbreviated.</param>
    public sealed record Choice(int Count, IReadOnlyList<string> Headers);

    /// <summary>Width of a bordered table whose columns hold this much text: a border and a space either side of each column.</summary>
    public static int Width(IEnumerable<int> columnWidths)
    {
        var widths = columnWidths.ToList();
        return widths.Sum() + (3 * widths.Count) + 1;
    }

    /// <param name="fixedWidths">Widths of the columns always shown.</param>
    /// <param name="optional">The optional columns, most relevant first.</param>
    /// <param name="maxWidth">The width to fit.</param>
    /// <param name="minimumCount">How many optional columns are kept even when they do not fit (abbreviated, then).</param>
    public static Choice Choose(IReadOnlyList<int> fixedWidths, IReadOnlyList<Optional> optional, int maxWidth, int minimumCount)
    {
        var full = optional.Select(o => o.Header).ToList();
        var abbreviated = HeaderAbbreviation.Abbreviate(full, [.. optional.Select(o => o.ValueWidth)]);
        var fullCount = LongestFit(full);
        var abbreviatedCount = LongestFit(abbreviated);
        if (fullCount >= abbreviatedCount && fullCount >= minimumCount)
        {
            return new Choice(fullCount, full[..fullCount]);
        }

        // Abbreviations buy columns: show them, then give back full names, most relevant first, while the table still fits.
        var count = Math.Max(abbreviatedCount, Math.Min(minimumCount, optional.Count));
        var headers = abbreviated.Take(count).ToList();
        for (var i = 0; i < count; i++)
        {
            var restored = headers.ToList();
            restored[i] = full[i];
            if (Fits(restored))
            {
                headers = restored;
            }
        }

        return new Choice(count, headers);

        int LongestFit(IReadOnlyList<string> headers)
        {
            var count = optional.Count;
            while (count > 0 && !Fits(headers.Take(count).ToList()))
            {
                count--;
            }

            return count;
        }

        bool Fits(IReadOnlyList<string> headers) =>
            Width(fixedWidths.Concat(headers.Select((h, i) => Math.Max(PlainText.Width(h), optional[i].ValueWidth)))) <= maxWidth;
    }
}
