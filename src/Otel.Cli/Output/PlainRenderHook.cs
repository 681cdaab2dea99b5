using Spectre.Console;
using Spectre.Console.Rendering;

namespace Otel.Cli.Output;

/// <summary>
/// For output that is not a terminal: tables become plain aligned columns (after a blank line, when something came before them, since
/// no border separates them any more), rules their title, panels lose their border.
/// </summary>
internal sealed class PlainRenderHook : IRenderHook
{
    private bool _written;

    public IEnumerable<IRenderable> Process(RenderOptions options, IEnumerable<IRenderable> renderables)
    {
        var plain = new List<IRenderable>();
        foreach (var renderable in renderables)
        {
            if (renderable is Table && _written)
            {
                plain.Add(Text.NewLine);
            }

            plain.Add(Plain(renderable));
            _written = true;
        }

        return plain;
    }

    private static IRenderable Plain(IRenderable renderable)
    {
        switch (renderable)
        {
            case Table table:
                return new PlainTable(table);
            case Rule rule:
                return new Markup((rule.Title ?? string.Empty) + "\n");
            case IHasBoxBorder bordered:
                bordered.Border = BoxBorder.None;
                return renderable;
            default:
                return renderable;
        }
    }
}
