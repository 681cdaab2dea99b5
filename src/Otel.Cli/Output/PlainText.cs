using Spectre.Console;
using Spectre.Console.Rendering;

namespace Otel.Cli.Output;

/// <summary>The text of a renderable without styles, on one line, and its width in terminal cells.</summary>
internal static class PlainText
{
    public static string Of(IRenderable renderable, RenderOptions options) =>
        string.Join(' ', Segment.SplitLines(renderable.Render(options, CliConsole.UnlimitedWidth))
            .Select(line => string.Concat(line.Where(s => !s.IsControlCode).Select(s => s.Text)).TrimEnd())
            .Where(line => line.Length > 0));

    /// <summary>Width in terminal cells (wide characters count twice) of text without markup.</summary>
    public static int Width(string text) => new Segment(text).CellCount();
}
