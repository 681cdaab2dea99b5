using System.CommandLine;
using System.Globalization;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track experiments list [--json|--csv]</c>: <c>[{name, runs, lastRunTime}]</c>, the most recently run first.</summary>
internal static class ExperimentsListCommand
{
    public static Command Create() => ListOutputCommand.Create("list", "List experiments (active runs), the most recently run first", [],
        (client, _, _, ct) => client.GetJsonAsync("api/experiments", ct),
        (console, json, _) => ExperimentTables.List(console, TrackingApiClient.Read<List<ExperimentSummary>>(json)),
        (json, _) => new ListOutputCommand.CsvTable(["name", "runs", "last_run_time"],
            TrackingApiClient.Read<List<ExperimentSummary>>(json).Select(e => (IReadOnlyList<string?>)
                [e.Name, e.Runs.ToString(CultureInfo.InvariantCulture), CsvOutput.Time(e.LastRunTime)])));
}
