using System.Globalization;
using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>Human output of diff, lineage and stats.</summary>
internal static class DiffTables
{
    public static void Show(IAnsiConsole console, RunDiff diff)
    {
        var ids = IdPrefixes.Of([diff.A, diff.B]);
        if (diff.Identical)
        {
            console.MarkupLine($"[green]Runs {ConsoleText.Escape(ids.Shorten(diff.A))} and {ConsoleText.Escape(ids.Shorten(diff.B))} do not differ[/] in code, environment, data, config or final metrics.");
            return;
        }

        var table = Tables.New("", "key", ConsoleText.Escape(ids.Shorten(diff.A)), ConsoleText.Escape(ids.Shorten(diff.B)));
        AddSection(table, "code", diff.Code);
        AddSection(table, "environment", diff.Environment);
        AddSection(table, "packages", diff.Packages);
        AddSection(table, "data", diff.Data);
        AddSection(table, "config", diff.Config);
        foreach (var (key, m) in diff.Metrics)
        {
            var delta = m.Delta is { } d ? $" ({(d >= 0 ? "+" : string.Empty)}{Format.Number(d)})" : string.Empty;
            table.AddRow("metrics", ConsoleText.Escape(key), Number(m.A), Number(m.B) + ConsoleText.Escape(delta));
        }

        console.Write(table);
    }

    public static void Lineage(IAnsiConsole console, Lineage lineage)
    {
        console.MarkupLine($"[bold]{ConsoleText.Escape(lineage.Node.Type)}[/] {ConsoleText.Escape(lineage.Node.Id)} {ConsoleText.Escape(lineage.Node.Name)}");
        var table = Tables.New("direction", "type", "id", "name");
        foreach (var node in lineage.ProducedBy)
        {
            table.AddRow("produced by", ConsoleText.Escape(node.Type), ConsoleText.Escape(node.Id), ConsoleText.Escape(node.Name));
        }

        foreach (var node in lineage.Produced)
        {
            table.AddRow("produced", ConsoleText.Escape(node.Type), ConsoleText.Escape(node.Id), ConsoleText.Escape(node.Name));
        }

        console.Write(table);
    }

    public static void Stats(IAnsiConsole console, RunStats stats)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("runs", stats.Runs.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("logical runs", stats.LogicalRuns.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("duplicate fraction (CI retries)", stats.DuplicateFraction.ToString("0.###", CultureInfo.InvariantCulture));
        grid.AddRow("reproductions", stats.Reproductions.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("reproducibility rate", stats.ReproducibilityRate?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-");
        if (stats.TimeToPromote is { } promote)
        {
            grid.AddRow("time to promote to production (M4)", promote.Versions == 0
                ? "- (no version promoted yet)"
                : string.Create(CultureInfo.InvariantCulture, $"p50 {Format.Duration(promote.P50Seconds!.Value)}, p90 {Format.Duration(promote.P90Seconds!.Value)}, max {Format.Duration(promote.MaxSeconds!.Value)} over {promote.Versions} versions"));
        }

        grid.AddRow("production linkage (M8)", stats.ProductionLinkage is { } linkage
            ? (linkage.Rate is { } rate ? rate.ToString("0.###", CultureInfo.InvariantCulture) : "-")
              + string.Create(CultureInfo.InvariantCulture, $" [grey]({linkage.LinkedRequests} of {linkage.Requests} model-serving requests in the last {linkage.Window})[/]")
            : "-");
        if (stats.CostPerRun is { } cost)
        {
            grid.AddRow("cost per run (M7)", cost.Currency is null
                ? "- [grey](no price file: serve --prices FILE)[/]"
                : (cost.Mean is { } mean ? $"mean {CostText.Amount(mean, cost.Currency)}, median {CostText.Amount(cost.Median!.Value, cost.Currency)}, total {CostText.Amount(cost.Total!.Value, cost.Currency)}" : "-")
                  + string.Create(CultureInfo.InvariantCulture, $" [grey]({cost.PricedRuns} priced, {cost.UnpricedRuns} without a price)[/]"));
        }

        console.Write(grid);
    }

    private static void AddSection(Table table, string section, IReadOnlyDictionary<string, ValuePair> pairs)
    {
        foreach (var (key, pair) in pairs)
        {
            table.AddRow(section, ConsoleText.Escape(key), ConsoleText.Escape(pair.A ?? "-"), ConsoleText.Escape(pair.B ?? "-"));
        }
    }

    private static string Number(double? value) => value is { } v ? Format.Number(v) : "-";
}
