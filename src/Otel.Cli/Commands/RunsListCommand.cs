using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track runs list [--experiment NAME] [--limit N] [--json]</c>.</summary>
internal static class RunsListCommand
{
    public static Command Create()
    {
        var experiment = new Option<string?>("--experiment") { Description = "Only runs of this experiment" };
        var limit = new Option<int?>("--limit") { Description = "At most this many runs, newest first (default 1000)" };
        var allAttempts = new Option<bool>("--all-attempts") { Description = "Also list earlier attempts of CI-retried runs (default: the latest, with an attempts count)" };
        var dataset = new Option<string?>("--dataset") { Description = "Only runs that used the dataset with this digest" };
        return ReadCommand.Create("list", "List runs, newest first", [experiment, limit, allAttempts, dataset],
            (client, parse, ct) => client.GetRunsJsonAsync(parse.GetValue(experiment), parse.GetValue(limit), ct, parse.GetValue(allAttempts), parse.GetValue(dataset)),
            (console, json) => RunTables.List(console, TrackingApiClient.Read<List<RunSummary>>(json)));
    }
}
