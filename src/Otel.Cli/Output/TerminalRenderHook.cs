using Spectre.Console;
using Spectre.Console.Rendering;

namespace Otel.Cli.Output;

/// <summary>On a terminal: a table that cannot show its words whole in the width is shown as one block per row (<see cref="TableRecords"/>).</summary>
internal sealed class TerminalRenderHook : IRenderHook
{
    public IEnumerable<IRenderable> Process(RenderOptions options, IEnumerable<IRenderable> renderables) =>
        renderables.Select(r => r is Table table && TableRecords.TooNarrowFor(table, options, options.ConsoleSize.Width) ? new TableRecords(table) : r);
}
