using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track runs list [--experiment NAME] [--limit N] [--archived|--deleted|--all] [--cost] [--json]</c>.</summary>
internal static class RunsListCommand
{
    public static Command Create()
    {
        var experiment = new Option<string?>("--experiment") { Description = "Only runs of this experiment" };
        var limit = new Option<int?>("--limit") { Description = "At most this many runs, newest first (default 1000)" };
        var allAttempts = new Option<bool>("--all-attempts") { Description = "Also list earlier attempts of CI-retried runs (default: the latest, with an attempts count)" };
        var dataset = new Option<string?>("--dataset") { Description = "Only runs that used the dataset with this digest" };
        var archived = new Option<bool>("--archived") { Description = "Only archived runs" };
        var deleted = new Option<bool>("--deleted") { Description = "Only deleted runs (not yet purged)" };
        var all = new Option<bool>("--all") { Description = "Runs in every state: active, archived and deleted" };
        var cost = new Option<bool>("--cost") { Description = "Add a cost column: each run's cost at the collector's price file (docs/linkage-and-cost.md)" };
        return ReadCommand.Create("list", "List runs, newest first (active runs; --archived, --deleted or --all for the others)",
            [experiment, limit, allAttempts, dataset, archived, deleted, all, cost],
            async (client, parse, ct) => await client.GetRunsJsonAsync(parse.GetValue(experiment), parse.GetValue(limit), ct, parse.GetValue(allAttempts),
                parse.GetValue(dataset) is { } digest ? await client.ResolveDatasetDigestAsync(digest, ct) : null,
                State(parse.GetValue(archived), parse.GetValue(deleted), parse.GetValue(all)), parse.GetValue(cost)),
            (console, json) => RunTables.List(console, TrackingApiClient.Read<List<RunSummary>>(json), RunListLayout.Default));
    }

    private static string? State(bool archived, bool deleted, bool all) => (archived, deleted, all) switch
    {
        (false, false, false) => null,
        (true, false, false) => RunLifecycleStates.Archived,
        (false, true, false) => RunLifecycleStates.Deleted,
        (false, false, true) => RunLifecycleStates.All,
        _ => throw new CliException("choose one of --archived, --deleted and --all", ExitCodes.Usage),
    };
}
