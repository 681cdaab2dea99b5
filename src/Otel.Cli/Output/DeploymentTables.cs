using Otel.Tracking.Query.Production;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>The human table of <c>models deployments</c>.</summary>
internal static class DeploymentTables
{
    public static void List(IAnsiConsole console, IReadOnlyList<ProductionDeployment> deployments)
    {
        if (deployments.Count == 0)
        {
            console.MarkupLine("[grey]No deployments yet: none recorded with `otel-track models deploy` and no serving telemetry with ml.model.name.[/]");
            return;
        }

        var table = new Table().RoundedBorder().AddColumns("model", "version", "service", "environment", "first seen", "last seen", "run", "cost / 1k predictions", "flags");
        foreach (var d in deployments)
        {
            table.AddRow(
                Markup.Escape(d.Model),
                Markup.Escape(d.Version),
                Markup.Escape(d.Service ?? "-"),
                Markup.Escape(d.Environment.Length > 0 ? d.Environment : "-"),
                Format.Time(d.FirstSeen),
                Format.Time(d.LastSeen),
                Markup.Escape(d.RunId is null ? "-" : Format.ShortId(d.RunId)),
                d.ServingCost?.CostPer1000Predictions is { } cost ? CostText.Amount(cost, d.ServingCost.Currency) : "-",
                d.Flags.Count == 0 ? "[green]linked[/]" : "[yellow]" + Markup.Escape(string.Join(", ", d.Flags)) + "[/]");
        }

        console.Write(table);
    }
}
