using System.Globalization;
using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>Human tables of <c>experiments list</c> and <c>leaderboard</c>.</summary>
internal static class ExperimentTables
{
    public static void List(IAnsiConsole console, IReadOnlyList<ExperimentSummary> experiments)
    {
        if (experiments.Count == 0)
        {
            console.MarkupLine("[grey]No experiments yet. Record some runs with `otel-track demo`.[/]");
            return;
        }

        var table = Tables.New("experiment", "runs", "last run");
        foreach (var experiment in experiments)
        {
            table.AddRow(ConsoleText.Escape(experiment.Name), experiment.Runs.ToString(CultureInfo.InvariantCulture), Format.Time(experiment.LastRunTime));
        }

        console.Write(table);
    }

    public static void Leaderboard(IAnsiConsole console, string metric, IReadOnlyList<LeaderboardEntry> entries)
    {
        var table = Tables.New("rank", "run", "name", metric, "step");
        var ids = IdPrefixes.Of(entries.Select(e => e.RunId));
        foreach (var entry in entries)
        {
            table.AddRow(entry.Rank.ToString(CultureInfo.InvariantCulture), ConsoleText.Escape(ids.Shorten(entry.RunId)), ConsoleText.Escape(entry.RunName),
                Format.Number(entry.Value), entry.Step.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
    }
}
