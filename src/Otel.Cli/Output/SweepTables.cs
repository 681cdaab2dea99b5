using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary><c>runs show PARENT</c>: the sweep's children, one row each, with their latest metrics (the keys most of them logged).</summary>
internal static class SweepTables
{
    private const int MaxMetricColumns = 4;

    public static void Children(IAnsiConsole console, IReadOnlyList<RunChild> children)
    {
        if (children.Count == 0)
        {
            return;
        }

        var keys = children.SelectMany(c => c.Metrics.Keys)
            .GroupBy(k => k, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(MaxMetricColumns).Select(g => g.Key).ToList();
        var table = Tables.New(["child", "name", "status", .. keys.Select(ConsoleText.Escape)]);
        var ids = IdPrefixes.Of(children.Select(c => c.Id));
        foreach (var child in children)
        {
            table.AddRow([ConsoleText.Escape(ids.Shorten(child.Id)), ConsoleText.Escape(child.Name), Format.Status(child.Status),
                .. keys.Select(k => child.Metrics.TryGetValue(k, out var v) ? Format.Number(v) : "-")]);
        }

        console.MarkupLine($"[bold]{children.Count} child run(s)[/]");
        console.Write(table);
    }
}
