using System.Globalization;
using Otel.Tracking.Query.Production;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>The human rendering of <c>drift report</c>.</summary>
internal static class DriftTables
{
    /// <summary>
    /// Which version and window (and, when <paramref name="versionChosen"/>, that the collector picked the busiest
    /// version), then one row per feature and prediction, then what was left out.
    /// </summary>
    public static void Report(IAnsiConsole console, IReadOnlyList<DriftResult> results, bool versionChosen)
    {
        var first = results[0];
        console.MarkupLine($"[bold]{ConsoleText.Escape(first.Model)}[/] version [bold]{first.Version}[/]" +
            (versionChosen ? " (the version that served the most predictions in the window; choose another with --version)" : "") +
            $", last {ConsoleText.Escape(first.Window)}: {Format.Time(first.WindowStart)} to {Format.Time(first.WindowEnd)}");
        var table = Tables.New();
        table.AddColumns("kind", "feature", "type", "psi", "js", "ks", "count", "baseline", "status");
        foreach (var result in results)
        {
            table.AddRow(result.Kind, ConsoleText.Escape(result.Feature), result.Type, Metric(result.Psi), Metric(result.Js), Metric(result.Ks),
                result.Count.ToString(CultureInfo.InvariantCulture), result.BaselineCount.ToString(CultureInfo.InvariantCulture), Status(result.Status));
        }

        console.Write(table);
        foreach (var result in results.Where(r => r.Note.Length > 0))
        {
            console.MarkupLine($"[yellow]{ConsoleText.Escape(result.Feature)}[/]: {ConsoleText.Escape(result.Note)}");
        }
    }

    public static string Metric(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-";

    public static string Status(string status) => status switch
    {
        DriftStatus.Ok => "[green]ok[/]",
        DriftStatus.Warn => "[yellow]warn[/]",
        DriftStatus.Drift => "[red]drift[/]",
        _ => ConsoleText.Escape(status),
    };
}
