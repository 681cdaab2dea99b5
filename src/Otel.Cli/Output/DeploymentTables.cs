using Otel.Tracking.Query.Production;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>The human rendering of <c>models deployments</c>: a few lines per deployment, which stay readable in 80 columns.</summary>
internal static class DeploymentTables
{
    public static void List(IAnsiConsole console, IReadOnlyList<ProductionDeployment> deployments)
    {
        if (deployments.Count == 0)
        {
            console.MarkupLine("[grey]No deployments yet: none recorded with `otel-track models deploy` and no serving telemetry with ml.model.name.[/]");
            return;
        }

        foreach (var d in deployments)
        {
            var where = (d.Service ?? "(not seen in telemetry)") + " / " + (d.Environment.Length > 0 ? d.Environment : "(no environment)");
            console.MarkupLine($"[bold]{ConsoleText.Escape(d.Model)}[/] version {ConsoleText.Escape(d.Version)}  {ConsoleText.Escape(where)}");
            var seen = d.FirstSeen is null ? "never seen" : $"seen {Format.Time(d.FirstSeen)} to {Format.Time(d.LastSeen)}";
            var recorded = d.RecordedAt is null ? "not recorded" : $"recorded {Format.Time(d.RecordedAt)} by {d.RecordedBy}";
            console.MarkupLine($"  {seen}; {ConsoleText.Escape(recorded)}; run {ConsoleText.Escape(d.RunId ?? "-")}");
            if (d.ServingCost is { } cost)
            {
                console.MarkupLine("  cost per 1,000 predictions: " + (cost.CostPer1000Predictions is { } per1000
                    ? CostText.Amount(per1000, cost.Currency)
                    : "- [grey](" + ConsoleText.Escape(cost.Reason ?? "not priced") + ")[/]"));
            }

            console.MarkupLine(d.Flags.Count == 0 ? "  [green]linked to its run[/]" : "  flags: [yellow]" + ConsoleText.Escape(string.Join(", ", d.Flags)) + "[/]");
        }
    }
}
