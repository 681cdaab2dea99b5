using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>Human tables for the read commands.</summary>
internal static class RunTables
{
    public static void List(IAnsiConsole console, IReadOnlyList<RunSummary> runs, RunListLayout layout)
    {
        if (runs.Count == 0)
        {
            console.MarkupLine("[grey]No runs yet. Record some with `otel-track demo`.[/]");
            return;
        }

        RunListTable.Write(console, runs, layout);
    }

    public static void Show(IAnsiConsole console, RunDetail run)
    {
        var info = new Grid().AddColumn().AddColumn();
        info.AddRow("[bold]run[/]", ConsoleText.Escape(run.Id));
        info.AddRow("[bold]experiment[/]", ConsoleText.Escape(run.Experiment));
        info.AddRow("[bold]name[/]", ConsoleText.Escape(run.Name));
        info.AddRow("[bold]status[/]", Format.Status(run.Status) + (run.StatusMessage is null ? string.Empty : " " + ConsoleText.Escape(run.StatusMessage)));
        info.AddRow("[bold]state[/]", ConsoleText.Escape(run.State) + (run.Held ? " [yellow](legal hold)[/]" : string.Empty));
        if (run.Note is not null)
        {
            info.AddRow("[bold]note[/]", ConsoleText.Escape(run.Note));
        }

        info.AddRow("[bold]started[/]", Format.Time(run.StartTime));
        info.AddRow("[bold]duration[/]", Format.Duration(run.StartTime, run.EndTime));
        info.AddRow("[bold]cost[/]", CostText.Run(run.Cost));
        info.AddRow("[bold]parent[/]", ConsoleText.Escape(run.ParentId ?? "-"));
        info.AddRow("[bold]completeness[/]", run.Completeness is { } c
            ? c.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + (run.MissingMetadata.Count > 0 ? " (missing: " + ConsoleText.Escape(string.Join(", ", run.MissingMetadata)) + ")" : string.Empty)
            : "-");
        info.AddRow("[bold]attempts[/]", run.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (run.Reproduces is not null)
        {
            info.AddRow("[bold]reproduces[/]", ConsoleText.Escape(run.Reproduces));
        }
        console.Write(info);

        console.Write(KeyValues("param", run.Params));
        console.Write(KeyValues("tag", run.Tags));

        var metrics = Tables.New("metric", "latest", "min", "max", "points", "last step");
        foreach (var (key, m) in run.MetricSummaries.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            metrics.AddRow(ConsoleText.Escape(key), Format.Number(m.Latest), Format.Number(m.Min), Format.Number(m.Max), m.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), m.LastStep.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(metrics);

        var datasets = Tables.New("dataset", "context", "digest", "rows", "uri");
        var digests = IdPrefixes.Of(run.Datasets.Select(d => d.Digest));
        foreach (var d in run.Datasets)
        {
            datasets.AddRow(ConsoleText.Escape(d.Name), ConsoleText.Escape(d.Context), ConsoleText.Escape(digests.Shorten(d.Digest)), d.Rows?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", ConsoleText.Escape(d.Uri));
        }

        var artifacts = Tables.New("artifact", "kind", "sha256", "size");
        var hashes = IdPrefixes.Of(run.Artifacts.Select(a => a.Sha256));
        foreach (var a in run.Artifacts)
        {
            artifacts.AddRow(ConsoleText.Escape(a.Path), ConsoleText.Escape(a.Kind), ConsoleText.Escape(hashes.Shorten(a.Sha256)), a.Size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(datasets);
        console.Write(artifacts);
        console.Write(KeyValues("provenance", run.Provenance));
    }

    public static void Compare(IAnsiConsole console, RunComparison comparison)
    {
        var table = Tables.New().AddColumn("");
        var ids = IdPrefixes.Of(comparison.Runs.Select(r => r.Id));
        foreach (var run in comparison.Runs)
        {
            table.AddColumn(ConsoleText.Escape($"{run.Name} ({ids.Shorten(run.Id)})"));
        }

        table.AddRow(["[bold]status[/]", .. comparison.Runs.Select(r => Format.Status(r.Status))]);
        foreach (var key in comparison.DifferingParams)
        {
            table.AddRow(["[yellow]" + ConsoleText.Escape(key) + "[/]", .. comparison.Runs.Select(r => ConsoleText.Escape(comparison.Params[key][r.Id] ?? "-"))]);
        }

        foreach (var (key, values) in comparison.Metrics)
        {
            table.AddRow([ConsoleText.Escape(key), .. comparison.Runs.Select(r => values[r.Id] is { } v ? Format.Number(v) : "-")]);
        }

        console.Write(table);
        var same = comparison.Params.Keys.Except(comparison.DifferingParams).Count();
        console.MarkupLine($"[grey]{comparison.DifferingParams.Count} param(s) differ; {same} are the same.[/]");
    }

    private static Table KeyValues(string title, IReadOnlyDictionary<string, string> values)
    {
        var table = Tables.New(title, "value");
        foreach (var (key, value) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            table.AddRow(ConsoleText.Escape(key), ConsoleText.Escape(value));
        }

        return table;
    }
}
