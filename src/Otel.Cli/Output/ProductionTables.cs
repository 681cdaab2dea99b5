using System.Globalization;
using Otel.Tracking.Query.Production;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>
/// The "Production" block of <c>models show</c> and <c>runs show</c>: what a version is doing in production now, and the
/// line to follow from it to its run, data and diff to the previous champion.
/// </summary>
internal static class ProductionTables
{
    /// <summary>The block of each version serving traffic, or a line saying none did in the last <paramref name="window"/>.</summary>
    public static void Serving(IAnsiConsole console, IReadOnlyList<VersionProduction> serving, string window)
    {
        if (serving.Count == 0)
        {
            console.MarkupLine($"[grey]Production: no registered version served requests in the last {ConsoleText.Escape(window)}.[/]");
        }

        foreach (var production in serving)
        {
            Block(console, production);
        }
    }

    public static void Block(IAnsiConsole console, VersionProduction production)
    {
        var traffic = production.ServesTraffic ? $"{production.Requests.ToString(CultureInfo.InvariantCulture)} requests" : "no requests";
        console.MarkupLine($"[bold]Production[/] of {ConsoleText.Escape(production.Model)} version {production.Version}, last {ConsoleText.Escape(production.Window)}: {traffic}");
        foreach (var d in production.Deployments)
        {
            var where = (d.Service ?? "(not seen in telemetry)") + " / " + (d.Environment.Length > 0 ? d.Environment : "(no environment)");
            var seen = d.FirstSeen is null ? "never seen" : $"seen {Format.Time(d.FirstSeen)} to {Format.Time(d.LastSeen)}, {d.Requests ?? 0} requests";
            var flags = d.Flags.Count == 0 ? string.Empty : "; flags: [yellow]" + ConsoleText.Escape(string.Join(", ", d.Flags)) + "[/]";
            console.MarkupLine($"  deployment {ConsoleText.Escape(where)}: {ConsoleText.Escape(seen)}{flags}");
        }

        foreach (var slo in production.Slos)
        {
            var sli = slo.Sli is { } value ? $"sli {SloTables.Percent(value)}, budget left {SloTables.Percent(slo.ErrorBudgetRemaining)}" : "no requests";
            console.MarkupLine($"  SLO {ConsoleText.Escape(slo.Name)} ({slo.Kind}, objective {SloTables.Percent(slo.Objective)}): {sli}, alert {SloTables.Alert(slo.Alert)}");
        }

        if (production.Slos.Count == 0)
        {
            console.MarkupLine("  [grey]no SLO for this model (`otel-track slo apply FILE`)[/]");
        }

        console.MarkupLine("  " + Drift(production.Drift));
        if (production.ServingCost is { } cost)
        {
            console.MarkupLine("  serving cost: " + (cost.CostPer1000Predictions is { } per1000
                ? CostText.Amount(per1000, cost.Currency) + " per 1,000 predictions"
                : "- [grey](" + ConsoleText.Escape(cost.Reason ?? "not priced") + ")[/]"));
        }

        console.MarkupLine("  " + ConsoleText.Escape(FollowLine(production.Training)));
    }

    /// <summary>The line an incident follows: "training run RUN (experiment X) · data DIGEST · diff to previous champion: otel-track runs diff PREV RUN".</summary>
    public static string FollowLine(VersionTraining training)
    {
        var trainingData = training.Datasets.Where(d => d.Context == "training").Select(d => d.Digest).ToList();
        var digests = trainingData.Count > 0 ? trainingData : [.. training.Datasets.Select(d => d.Digest)];
        var data = digests.Count == 0 ? "no data recorded" : "data " + string.Join(", ", digests);
        var diff = training.PreviousChampion is { } previous
            ? $"diff to {(previous.Current ? "the champion" : "previous champion")}: otel-track runs diff {previous.RunId} {training.RunId}"
            : "no previous champion to diff with";
        return $"training run {training.RunId} (experiment {training.Experiment}) · {data} · {diff}";
    }

    /// <summary>Every feature not ok, worst first, then how many are ok.</summary>
    private static string Drift(IReadOnlyList<DriftResult> drift)
    {
        if (drift.Count == 0)
        {
            return "[grey]drift: none computed for this version yet (the drift job keeps ml_drift; `otel-track drift report` computes it now)[/]";
        }

        var notOk = drift.Where(d => d.Status != DriftStatus.Ok)
            .Select(d => $"{ConsoleText.Escape(d.Feature)} {DriftTables.Status(d.Status)}" + (d.Psi is null ? string.Empty : $" (psi {DriftTables.Metric(d.Psi)})"));
        var ok = drift.Count(d => d.Status == DriftStatus.Ok);
        var first = drift[0];
        return $"drift ({ConsoleText.Escape(first.Window)} ending {Format.Time(first.WindowEnd)}): " + string.Join(", ", [.. notOk, $"{ok} ok"]);
    }
}
