using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track runs list [--experiment NAME] [--filter EXPR] [--order-by FIELD [asc|desc]]… [--columns LIST] [--tree] [--limit N]
/// [--archived|--deleted|--all] [--cost] [--json|--csv]</c> (docs/cli.md, Finding runs).
/// </summary>
internal static class RunsListCommand
{
    public static Command Create()
    {
        var experiment = new Option<string?>("--experiment") { Description = "Only runs of this experiment" };
        var filter = new Option<string?>("--filter")
        {
            Description = "Only runs matching MLflow's search syntax, plus or and parentheses: \"metrics.acc > 0.8 and params.lr = '0.1'\"",
        };
        var orderBy = new Option<string[]>("--order-by")
        {
            Description = "Sort by a field, ascending unless desc follows: --order-by metrics.val_loss desc (repeat for tie-breaks; runs without it last)",
            AllowMultipleArgumentsPerToken = true,
        };
        var columns = new Option<string?>("--columns") { Description = "The metric and param columns, comma-separated: metrics.acc,params.lr (a bare name: the metric or param so named)" };
        var tree = new Option<bool>("--tree") { Description = "Draw sweep children under their parent" };
        var limit = new Option<int?>("--limit") { Description = "At most this many runs, after filter and order (default 1000, newest first)" };
        var allAttempts = new Option<bool>("--all-attempts") { Description = "Also list earlier attempts of CI-retried runs (default: the latest, with an attempts count)" };
        var dataset = new Option<string?>("--dataset") { Description = "Only runs that used the dataset with this digest" };
        var archived = new Option<bool>("--archived") { Description = "Only archived runs" };
        var deleted = new Option<bool>("--deleted") { Description = "Only deleted runs (not yet purged)" };
        var all = new Option<bool>("--all") { Description = "Runs in every state: active, archived and deleted" };
        var cost = new Option<bool>("--cost") { Description = "Add a cost column: each run's cost at the collector's price file (docs/linkage-and-cost.md)" };
        return ListOutputCommand.Create("list", "List runs, newest first (active runs; --archived, --deleted or --all for the others)",
            [experiment, filter, orderBy, columns, tree, limit, allAttempts, dataset, archived, deleted, all, cost],
            async (client, parse, mode, ct) =>
            {
                if (parse.GetValue(tree) && (parse.GetValue<bool>("--json") || parse.GetValue<bool>("--csv")))
                {
                    throw new CliException("--tree draws the table for reading; --json and --csv list runs flat (each run's parentId is in --json)", ExitCodes.Usage);
                }

                long matching = 0;
                var runs = await client.GetRunsJsonAsync(parse.GetValue(experiment), parse.GetValue(limit), ct, parse.GetValue(allAttempts),
                    parse.GetValue(dataset) is { } digest ? await client.ResolveDatasetDigestAsync(digest, ct) : null,
                    State(parse.GetValue(archived), parse.GetValue(deleted), parse.GetValue(all)), parse.GetValue(cost), parse.GetValue(filter), OrderItems(parse.GetValue(orderBy)),
                    total => matching = total);
                await CutListNotice.WriteIfCutAsync(runs.GetArrayLength(), matching, "runs", "--limit or --filter");
                if (runs.GetArrayLength() == 0 && parse.GetValue(experiment) is { Length: > 0 } name)
                {
                    // Scripts poll for a run's arrival: with --json or --csv an unknown experiment is an empty list and a warning.
                    await (mode == ListOutputMode.Human
                        ? ExperimentNames.RequireAsync(client, name, ct)
                        : ExperimentNames.WarnAsync(client, name, ct));
                }

                return runs;
            },
            (console, json, parse) =>
            {
                var runs = TrackingApiClient.Read<List<RunSummary>>(json);
                if (runs.Count == 0 && !string.IsNullOrWhiteSpace(parse.GetValue(filter)))
                {
                    console.MarkupLine("[grey]No runs match the filter.[/]");
                    return;
                }

                var chosen = Columns(parse.GetValue(columns), runs);
                RunTables.List(console, runs, new RunListLayout(chosen?.Metrics, chosen?.Params, parse.GetValue(tree), chosen?.Tags));
            },
            (json, parse) =>
            {
                var runs = TrackingApiClient.Read<List<RunSummary>>(json);
                return RunCsv.Table(runs, Columns(parse.GetValue(columns), runs));
            });
    }

    private static RunColumnSelection.Columns? Columns(string? list, List<RunSummary> runs) =>
        string.IsNullOrWhiteSpace(list) || runs.Count == 0 ? null : RunColumnSelection.Resolve(list, runs);

    /// <summary>
    /// The <c>--order-by</c> words as MLflow's order_by strings: a lone asc or desc belongs to the field before it, so
    /// <c>--order-by metrics.val_loss desc</c> and <c>--order-by "metrics.val_loss DESC"</c> say the same.
    /// </summary>
    internal static List<string> OrderItems(IEnumerable<string>? words)
    {
        var items = new List<string>();
        foreach (var word in words ?? [])
        {
            var direction = word.Trim();
            if (items.Count > 0 && (direction.Equals("asc", StringComparison.OrdinalIgnoreCase) || direction.Equals("desc", StringComparison.OrdinalIgnoreCase)))
            {
                items[^1] += " " + direction;
            }
            else if (items.Count > 0 && IsPlainWord(direction))
            {
                // Every field has an entity before a dot (metrics.K): a plain word after a field was meant as its direction.
                throw new CliException($"--order-by: '{direction}' after {items[^1]}: expected asc or desc (or another field, such as metrics.KEY)", ExitCodes.Usage);
            }
            else
            {
                items.Add(word);
            }
        }

        return items;
    }

    private static bool IsPlainWord(string word) => word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static string? State(bool archived, bool deleted, bool all) => (archived, deleted, all) switch
    {
        (false, false, false) => null,
        (true, false, false) => RunLifecycleStates.Archived,
        (false, true, false) => RunLifecycleStates.Deleted,
        (false, false, true) => RunLifecycleStates.All,
        _ => throw new CliException("choose one of --archived, --deleted and --all", ExitCodes.Usage),
    };
}
