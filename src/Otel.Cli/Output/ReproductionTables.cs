using Otel.Cli.Reproduction;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>Human output of <c>reproduce</c>.</summary>
internal static class ReproductionTables
{
    public static void Manifest(IAnsiConsole console, ReproductionManifest m)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string label, string? value) => grid.AddRow($"[bold]{label}[/]", ConsoleText.Escape(value ?? "-"));
        Row("run", $"{m.RunId} ({m.Experiment} / {m.Name})");
        Row("repository", m.Repository);
        Row("commit", m.Commit + (m.Dirty == true ? $" + uncommitted changes (diff sha256 {m.DiffSha256})" : string.Empty));
        Row("container image", m.ContainerImage);
        Row("command", m.CommandLine);
        Row("working directory", m.WorkingDirectory);
        Row(".NET runtime", m.Runtime);
        Row("seed", m.Seed);
        Row("params", string.Join(", ", m.Params.Select(p => $"{p.Key}={p.Value}")));
        Row("datasets", string.Join(", ", m.Datasets.Select(d => $"{d.Name} ({d.Context}) {d.Digest}")));
        Row("packages", $"{m.Packages.Count} recorded");
        console.Write(grid);
    }

    public static void Check(IAnsiConsole console, CheckResult result)
    {
        if (result.Ok)
        {
            console.MarkupLine("[green]This checkout and environment match the run's manifest.[/]");
            return;
        }

        console.MarkupLine($"[yellow]{result.Mismatches.Count} difference(s) from the recorded run:[/]");
        foreach (var mismatch in result.Mismatches)
        {
            console.MarkupLine("  " + ConsoleText.Escape(mismatch));
        }
    }

    public static void Rerun(IAnsiConsole console, RerunResult result)
    {
        var table = Tables.New("metric", "original", "reproduction", "delta");
        foreach (var (key, m) in result.Metrics)
        {
            table.AddRow(ConsoleText.Escape(key), m.A is { } a ? Format.Number(a) : "-", m.B is { } b ? Format.Number(b) : "-", m.Delta is { } d ? Format.Number(d) : "-");
        }

        console.Write(table);
        console.MarkupLine(result.WithinTolerance
            ? $"[green]Reproduced[/]: run {ConsoleText.Escape(result.Reproduction)} matches {ConsoleText.Escape(result.Original)} within {result.Tolerance}."
            : $"[yellow]Not reproduced[/]: run {ConsoleText.Escape(result.Reproduction)} differs from {ConsoleText.Escape(result.Original)} beyond {result.Tolerance}.");
    }
}
