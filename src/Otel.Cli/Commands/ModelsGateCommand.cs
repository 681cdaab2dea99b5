using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Collector.Registry.Governance;
using Otel.Tracking.Query.Registry;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track models gate NAME ALIAS [--min-approvals N] [--min-completeness X] [--require-clean-tree]
/// [--require-dataset NAME]… [--metric "KEY OP VALUE|champion"]… [--json]</c> sets the gate of a protected alias (admin);
/// <c>models gate NAME ALIAS --delete</c> removes it. Conditions are checked here first, with the collector's own rules.
/// </summary>
internal static class ModelsGateCommand
{
    public static Command Create()
    {
        var name = ModelsCommand.Name();
        var alias = new Argument<string>("ALIAS") { Description = "The alias to protect (e.g. production)" };
        var minApprovals = new Option<long?>("--min-approvals") { Description = "Approvals needed from distinct identities other than the registrant" };
        var minCompleteness = new Option<double?>("--min-completeness") { Description = "Least metadata completeness, a fraction from 0 to 1 as `runs show` prints it" };
        var cleanTree = new Option<bool>("--require-clean-tree") { Description = "The run's git tree had no uncommitted changes (ml.vcs.dirty = false)" };
        var datasets = new Option<string[]>("--require-dataset") { Description = "A dataset the run must have logged: NAME, or NAME@DIGEST to pin its digest (repeatable)" };
        var metrics = new Option<string[]>("--metric") { Description = "A metric condition \"KEY OP VALUE\" or \"KEY OP champion\", OP one of >=, <=, >, < (repeatable)" };
        var delete = new Option<bool>("--delete") { Description = "Remove the alias's gate: it then moves like any alias" };
        return ReadCommand.Create("gate", "Set (or --delete) the promotion gate of an alias (admin)",
            [name, alias, minApprovals, minCompleteness, cleanTree, datasets, metrics, delete],
            (client, parse, ct) =>
            {
                var model = parse.GetRequiredValue(name);
                var path = ApiPaths.Model(model, "/gates/" + Uri.EscapeDataString(parse.GetRequiredValue(alias)));
                if (parse.GetValue(delete))
                {
                    return client.SendJsonAsync(HttpMethod.Delete, path, null, ct);
                }

                var request = new GateRequest
                {
                    MinApprovals = parse.GetValue(minApprovals),
                    MinCompleteness = parse.GetValue(minCompleteness),
                    RequireCleanTree = parse.GetValue(cleanTree),
                    RequiredDatasets = [.. parse.GetValue(datasets) ?? []],
                    Metrics = [.. parse.GetValue(metrics) ?? []],
                };
                var (_, errors) = GateDefinition.Parse(model, parse.GetRequiredValue(alias), request.MinApprovals, request.MinCompleteness,
                    request.RequireCleanTree ?? false, request.RequiredDatasets, request.Metrics);
                if (errors.Count > 0)
                {
                    throw new CliException(string.Join("; ", errors), ExitCodes.Usage);
                }

                return client.SendJsonAsync(HttpMethod.Put, path, request, ct);
            },
            (console, json) => GovernanceTables.Gate(console, TrackingApiClient.Read<GateDefinitionRecord>(json)));
    }
}
