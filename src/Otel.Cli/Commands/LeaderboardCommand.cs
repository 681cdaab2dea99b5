using System.CommandLine;
using System.Globalization;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track leaderboard EXPERIMENT --metric KEY [--order asc|desc] [--limit N] [--json|--csv]</c>: the experiment's
/// runs ranked by their latest value of the metric. An unknown experiment or metric is named, with the ones that exist.
/// </summary>
internal static class LeaderboardCommand
{
    public static Command Create()
    {
        var experiment = new Argument<string>("EXPERIMENT") { Description = "The experiment whose runs to rank" };
        var metric = new Option<string>("--metric") { Description = "The metric to rank by (its latest value per run)", Required = true };
        var order = new Option<string>("--order") { Description = "asc (the lowest first: losses; the default) or desc (the highest first: accuracies)", DefaultValueFactory = _ => "asc" };
        order.AcceptOnlyFromAmong("asc", "desc");
        var limit = new Option<int>("--limit") { Description = "At most this many runs (default 20)", DefaultValueFactory = _ => 20 };
        return ListOutputCommand.Create("leaderboard", "Rank an experiment's runs by a metric", [experiment, metric, order, limit],
            async (client, parse, _, ct) =>
            {
                var name = parse.GetRequiredValue(experiment);
                var key = parse.GetRequiredValue(metric);
                if (parse.GetValue(limit) < 1)
                {
                    throw new CliException("--limit must be a positive number", ExitCodes.Usage);
                }

                var query = string.Create(CultureInfo.InvariantCulture,
                    $"api/leaderboard?experiment={Uri.EscapeDataString(name)}&metric={Uri.EscapeDataString(key)}&order={parse.GetValue(order)}&limit={parse.GetValue(limit)}");
                long ranked = 0;
                var entries = await client.GetJsonAsync(query, ct, total => ranked = total);
                await CutListNotice.WriteIfCutAsync(entries.GetArrayLength(), ranked, "ranked runs", "--limit");
                if (entries.GetArrayLength() == 0)
                {
                    await ExperimentNames.RequireAsync(client, name, ct);
                    await RequireMetricAsync(client, name, key, ct);
                }

                return entries;
            },
            (console, json, parse) => ExperimentTables.Leaderboard(console, parse.GetRequiredValue(metric), TrackingApiClient.Read<List<LeaderboardEntry>>(json)),
            (json, _) => new ListOutputCommand.CsvTable(["rank", "run_id", "run_name", "value", "step"],
                TrackingApiClient.Read<List<LeaderboardEntry>>(json).Select(e => (IReadOnlyList<string?>)
                    [e.Rank.ToString(CultureInfo.InvariantCulture), e.RunId, e.RunName, CsvOutput.Number(e.Value), e.Step.ToString(CultureInfo.InvariantCulture)])));
    }

    /// <summary>Throws, naming the metrics the experiment's runs logged, when none logged <paramref name="key"/>.</summary>
    private static async Task RequireMetricAsync(TrackingApiClient client, string experiment, string key, CancellationToken ct)
    {
        var runs = TrackingApiClient.Read<List<RunSummary>>(await client.GetRunsJsonAsync(experiment, null, ct));
        var metrics = runs.SelectMany(r => r.Metrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (!metrics.Contains(key, StringComparer.Ordinal))
        {
            throw new CliException($"no run of experiment '{experiment}' logged a metric named '{key}'; its metrics: {(metrics.Count == 0 ? "none" : string.Join(", ", metrics))}",
                ExitCodes.NotFound);
        }
    }
}
