using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Collector.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track runs list [--experiment NAME] [--limit N] [--json]</c>.</summary>
internal static class RunsListCommand
{
    public static Command Create()
    {
        var experiment = new Option<string?>("--experiment") { Description = "Only runs of this experiment" };
        var limit = new Option<int?>("--limit") { Description = "At most this many runs, newest first (default 1000)" };
        return ReadCommand.Create("list", "List runs, newest first", [experiment, limit],
            (client, parse, ct) => client.GetRunsJsonAsync(parse.GetValue(experiment), parse.GetValue(limit), ct),
            (console, json) => RunTables.List(console, TrackingApiClient.Read<List<RunSummary>>(json)));
    }
}
