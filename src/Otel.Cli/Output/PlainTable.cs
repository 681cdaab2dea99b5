using Spectre.Console;
using Spectre.Console.Rendering;

namespace Otel.Cli.Output;

/// <summary>
/// A table as plain text, for output that is not a terminal: a header line, then one line per row, columns aligned and separated by
/// two spaces, no borders; a title goes on its own line above. Cells are never cut or wrapped.
/// </summary>
internal sealed class PlainTable(Table table) : IRenderable
{
    private const string Gap = "  ";

    public Measurement Measure(RenderOptions options, int maxWidth)
    {
        var width = Lines(options).Select(PlainText.Width).DefaultIfEmpty(0).Max();
        return new Measurement(width, width);
    }

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
        Lines(options).SelectMany(line => new[] { new Segment(line), Segment.LineBreak });

    private List<string> Lines(RenderOptions options)
    {
        var rows = new List<string[]>();
        if (table.ShowHeaders)
        {
            rows.Add([.. table.Columns.Select(c => PlainText.Of(c.Header, options))]);
        }

        rows.AddRange(table.Rows.Select(row => row.Select(cell => PlainText.Of(cell, options)).ToArray()));
        var widths = table.Columns.Select((_, i) => rows.Select(r => i < r.Length ? PlainText.Width(r[i]) : 0).DefaultIfEmpty(0).Max()).ToArray();
        var lines = new List<string>();
        if (table.Title is { } title)
        {
            lines.Add(PlainText.Of(new Markup(title.Text), options));
        }

        lines.AddRange(rows.Select(row => Line(row, widths)));
        if (table.Caption is { } caption)
        {
            lines.Add(PlainText.Of(new Markup(caption.Text), options));
        }

        return lines;
    }

    private string Line(string[] cells, int[] widths)
    {
        var parts = cells.Select((cell, i) =>
        {
            var padding = new string(' ', Math.Max(0, widths[i] - PlainText.Width(cell)));
            return table.Columns[i].Alignment == Justify.Right ? padding + cell : cell + padding;
        });
        return string.Join(Gap, parts).TrimEnd();
    }
}
