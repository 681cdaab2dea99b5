using System.Globalization;
using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>Human tables of <c>slo status</c>, <c>slo list</c>, <c>slo apply</c> and <c>slo compare</c>.</summary>
internal static class SloTables
{
    private const string NoSlos = "[grey]No SLO. Define some in a YAML file and load it with `otel-track slo apply FILE` (docs/slos.md).[/]";

    public static void Status(IAnsiConsole console, IReadOnlyList<SloStatus> statuses)
    {
        if (statuses.Count == 0)
        {
            console.MarkupLine(NoSlos);
            return;
        }

        var table = Tables.New();
        table.AddColumns(["slo", .. StatusColumns]);
        foreach (var status in statuses)
        {
            table.AddRow([ConsoleText.Escape(status.Name), .. StatusCells(status)]);
        }

        console.Write(table);
        foreach (var status in statuses)
        {
            console.MarkupLine($"[grey]{ConsoleText.Escape(status.Name)}: {ConsoleText.Escape(Covers(status))}, from {status.Source}, {status.Events} requests in {status.Window}[/]");
            if (status.Message is not null)
            {
                console.MarkupLine($"  [yellow]{ConsoleText.Escape(status.Message)}[/]");
            }
        }

        console.MarkupLine("[grey]Burn rate = error rate / (1 - objective); page: 1h and 5m above 14.4, or 6h and 30m above 6; ticket: 1d and 2h above 3, or 3d and 6h above 1.[/]");
    }

    public static void List(IAnsiConsole console, IReadOnlyList<SloRecord> slos)
    {
        if (slos.Count == 0)
        {
            console.MarkupLine(NoSlos);
            return;
        }

        var table = Tables.New();
        table.AddColumns("slo", "kind", "covers", "objective", "window", "threshold", "applied by", "at", "from");
        foreach (var slo in slos)
        {
            table.AddRow(
                ConsoleText.Escape(slo.Name), slo.Kind, ConsoleText.Escape(Covers(slo.Model, slo.Service, slo.Route)), Percent(slo.Objective), slo.Window,
                slo.Threshold is { } threshold ? Format.Number(threshold) + " s" : "-", ConsoleText.Escape(slo.UpdatedBy), Format.Time(slo.UpdatedAt), ConsoleText.Escape(slo.Source));
        }

        console.Write(table);
    }

    public static void Applied(IAnsiConsole console, SloApplyResult result)
    {
        List(console, result.Applied);
        console.MarkupLine(result.Changed.Count == 0
            ? "[grey]Nothing changed: every SLO of the file was already applied as it is.[/]"
            : $"Applied {result.Changed.Count} new or changed SLO(s): {ConsoleText.Escape(string.Join(", ", result.Changed))}.");
        foreach (var warning in result.Warnings)
        {
            console.MarkupLine($"[yellow]warning[/]: {ConsoleText.Escape(warning)}");
        }
    }

    public static void Compare(IAnsiConsole console, SloComparison comparison)
    {
        var table = Tables.New();
        table.AddColumns(["slo", "version", .. StatusColumns]);
        foreach (var slo in comparison.Slos)
        {
            table.AddRow([ConsoleText.Escape(slo.Name), ConsoleText.Escape(comparison.VersionA), .. StatusCells(slo.A)]);
            table.AddRow([string.Empty, ConsoleText.Escape(comparison.VersionB), .. StatusCells(slo.B)]);
        }

        console.MarkupLine($"Model [bold]{ConsoleText.Escape(comparison.Model)}[/]: version {ConsoleText.Escape(comparison.VersionA)} beside version {ConsoleText.Escape(comparison.VersionB)}");
        console.Write(table);
        if (comparison.Drift.Count == 0)
        {
            console.MarkupLine("[grey]No drift of either version in ml_drift yet (the drift job's latest 15-minute window).[/]");
            return;
        }

        var drift = Tables.New().Title("drift, the drift job's latest 15m window");
        drift.AddColumns("kind", "feature", $"psi {ConsoleText.Escape(comparison.VersionA)}", $"status {ConsoleText.Escape(comparison.VersionA)}",
            $"psi {ConsoleText.Escape(comparison.VersionB)}", $"status {ConsoleText.Escape(comparison.VersionB)}");
        foreach (var row in comparison.Drift)
        {
            drift.AddRow(row.Kind, ConsoleText.Escape(row.Feature), DriftTables.Metric(row.A?.Psi), row.A is null ? "-" : DriftTables.Status(row.A.Status),
                DriftTables.Metric(row.B?.Psi), row.B is null ? "-" : DriftTables.Status(row.B.Status));
        }

        console.Write(drift);
    }

    /// <summary>Burn rates share one column, so the table fits a terminal of 80 columns.</summary>
    private static readonly string[] StatusColumns = ["objective", "sli", "budget left", "burn 5m 30m 1h 2h 6h 1d 3d", "alert"];

    private static string[] StatusCells(SloStatus status)
    {
        var burn = status.BurnRates;
        return
        [
            Percent(status.Objective),
            status.Sli is { } sli ? Percent(sli) : "-",
            status.Sli is null ? "-" : Percent(status.ErrorBudgetRemaining),
            string.Join(" ", new[] { burn.FiveMinutes, burn.ThirtyMinutes, burn.OneHour, burn.TwoHours, burn.SixHours, burn.OneDay, burn.ThreeDays }
                .Select(b => b.ToString("0.#", CultureInfo.InvariantCulture))),
            Alert(status.Alert),
        ];
    }

    private static string Covers(SloStatus status) =>
        Covers(status.Model, status.Service, status.Route) + (status.Kind == "latency" && status.Threshold is { } t ? $" ≤ {Format.Number(t)} s" : string.Empty);

    private static string Covers(string? model, string? service, string? route) =>
        string.Join(" ", new[] { model is null ? null : "model " + model, service is null ? null : "service " + service, route }.Where(p => p is not null));

    public static string Percent(double share) => (share * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    public static string Alert(string alert) => alert switch
    {
        "page" => "[red]page[/]",
        "ticket" => "[yellow]ticket[/]",
        _ => "[green]none[/]",
    };
}
