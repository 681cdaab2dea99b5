using Spectre.Console;
using Spectre.Console.Rendering;

namespace Otel.Cli.Output;

/// <summary>
/// A table shown as one block per row (each column's name beside its value), as psql's expanded display does: for a terminal too
/// narrow to show the table's words whole, where a grid of columns would break words over lines.
/// </summary>
internal sealed class TableRecords(Table table) : IRenderable
{
    public Measurement Measure(RenderOptions options, int maxWidth) => ((IRenderable)Blocks(options)).Measure(options, maxWidth);

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) => ((IRenderable)Blocks(options)).Render(options, maxWidth);

    /// <summary>Whether the table's widest words, side by side with its borders, are wider than <paramref name="width"/>.</summary>
    public static bool TooNarrowFor(Table table, RenderOptions options, int width) =>
        table.Columns.Count > 2 && ((IRenderable)table).Measure(options, width).Min > width;

    private Rows Blocks(RenderOptions options)
    {
        var names = table.Columns.Select(c => "[bold]" + ConsoleText.Escape(PlainText.Of(c.Header, options)) + "[/]").ToList();
        var blocks = new List<IRenderable>();
        if (table.Title is { } title)
        {
            blocks.Add(new Markup(title.Text));
        }

        foreach (var row in table.Rows)
        {
            if (blocks.Count > 0)
            {
                blocks.Add(Text.Empty);
            }

            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            foreach (var (cell, name) in row.Zip(names))
            {
                grid.AddRow(new Markup(name), cell);
            }

            blocks.Add(grid);
        }

        if (table.Caption is { } caption)
        {
            blocks.Add(new Markup(caption.Text));
        }

        return new Rows(blocks);
    }
}
