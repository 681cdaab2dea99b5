using System.Globalization;
using Otel.Tracking.Query.Registry;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>The human renderings of governance: decisions, gates, promotions with their verdicts, deployments, and a model's governance in <c>models show</c>.</summary>
internal static class GovernanceTables
{
    public static void Decision(IAnsiConsole console, ApprovalRecord decision) =>
        console.MarkupLine($"{ConsoleText.Escape(decision.Actor)} [bold]{decision.Decision}d[/] version {decision.Version} for '{ConsoleText.Escape(decision.Alias)}'"
            + (decision.Comment.Length > 0 ? $": {ConsoleText.Escape(decision.Comment)}" : string.Empty));

    public static void Gate(IAnsiConsole console, GateDefinitionRecord gate) =>
        console.MarkupLine($"gate of '{ConsoleText.Escape(gate.Alias)}': {ConsoleText.Escape(Conditions(gate))}");

    public static void Promotion(IAnsiConsole console, PromotionResult result)
    {
        if (result.Gates.Count > 0)
        {
            Verdicts(console, result.Gates);
        }

        if (result.Promoted)
        {
            var previous = result.PreviousVersion == 0 ? "no version" : "version " + result.PreviousVersion.ToString(CultureInfo.InvariantCulture);
            console.MarkupLine($"[green]promoted[/] {ConsoleText.Escape(result.Name)} version {result.Version} to '{ConsoleText.Escape(result.Alias)}' (was {previous})"
                + (result.Forced ? " [yellow]FORCED over the gate[/]" : string.Empty) + (result.Gates.Count == 0 ? ", no gate" : string.Empty));
        }
        else
        {
            console.MarkupLine($"[red]refused[/]: {ConsoleText.Escape(result.Error ?? "a gate refused")}");
        }
    }

    public static void Deployment(IAnsiConsole console, DeploymentRecord deployment) =>
        console.MarkupLine($"deployed {ConsoleText.Escape(deployment.Name)} version {deployment.Version} to '{ConsoleText.Escape(deployment.Environment)}' "
            + $"({ConsoleText.Escape(deployment.DeployedBy)}, {Format.Time(deployment.DeployedAt)})");

    /// <summary>The governance part of <c>models show</c>: gates, decisions, promotions, deployments.</summary>
    public static void Model(IAnsiConsole console, ModelGovernance governance)
    {
        if (governance.Gates.Count > 0)
        {
            var gates = Tables.New().Title("gates");
            gates.AddColumns("alias", "conditions", "set by", "at");
            foreach (var gate in governance.Gates)
            {
                gates.AddRow(ConsoleText.Escape(gate.Alias), ConsoleText.Escape(Conditions(gate)), ConsoleText.Escape(gate.UpdatedBy), Format.Time(gate.UpdatedAt));
            }

            console.Write(gates);
        }

        if (governance.Approvals.Count > 0)
        {
            var approvals = Tables.New().Title("approvals");
            approvals.AddColumns("version", "alias", "decision", "by", "comment", "at");
            foreach (var a in governance.Approvals)
            {
                approvals.AddRow(a.Version.ToString(CultureInfo.InvariantCulture), ConsoleText.Escape(a.Alias), a.Decision == "approve" ? "[green]approve[/]" : "[red]reject[/]",
                    ConsoleText.Escape(a.Actor), ConsoleText.Escape(a.Comment), Format.Time(a.DecidedAt));
            }

            console.Write(approvals);
        }

        if (governance.Promotions.Count > 0)
        {
            var promotions = Tables.New().Title("promotions");
            promotions.AddColumns("version", "alias", "outcome", "by", "at", "verdicts");
            foreach (var p in governance.Promotions)
            {
                var outcome = !p.Promoted ? "[red]refused[/]" : p.Forced ? "[yellow]forced[/]" : "[green]promoted[/]";
                var verdicts = string.Join("; ", p.Gates.Select(v => (v.Passed ? "pass " : "FAIL ") + v.Gate));
                promotions.AddRow(p.Version.ToString(CultureInfo.InvariantCulture), ConsoleText.Escape(p.Alias), outcome, ConsoleText.Escape(p.Actor), Format.Time(p.At),
                    ConsoleText.Escape(verdicts.Length > 0 ? verdicts : "no gate"));
            }

            console.Write(promotions);
        }

        if (governance.Deployments.Count > 0)
        {
            var deployments = Tables.New().Title("deployments");
            deployments.AddColumns("version", "environment", "by", "at", "source");
            foreach (var d in governance.Deployments)
            {
                deployments.AddRow(d.Version.ToString(CultureInfo.InvariantCulture), ConsoleText.Escape(d.Environment), ConsoleText.Escape(d.DeployedBy), Format.Time(d.DeployedAt), d.Source);
            }

            console.Write(deployments);
        }
    }

    private static void Verdicts(IAnsiConsole console, IReadOnlyList<GateVerdict> verdicts)
    {
        var table = Tables.New();
        table.AddColumns("gate", "verdict", "detail");
        foreach (var verdict in verdicts)
        {
            table.AddRow(ConsoleText.Escape(verdict.Gate), verdict.Passed ? "[green]pass[/]" : "[red]FAIL[/]", ConsoleText.Escape(verdict.Detail));
        }

        console.Write(table);
    }

    private static string Conditions(GateDefinitionRecord gate)
    {
        var conditions = new List<string>();
        if (gate.MinApprovals > 0)
        {
            conditions.Add($"{gate.MinApprovals} approval(s)");
        }

        if (gate.MinCompleteness is { } completeness)
        {
            conditions.Add("completeness >= " + completeness.ToString("0.##", CultureInfo.InvariantCulture));
        }

        if (gate.RequireCleanTree)
        {
            conditions.Add("clean tree");
        }

        conditions.AddRange(gate.RequiredDatasets.Select(d => "dataset " + d));
        conditions.AddRange(gate.Metrics);
        return string.Join(", ", conditions);
    }
}
