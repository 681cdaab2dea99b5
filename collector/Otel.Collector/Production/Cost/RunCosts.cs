using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Collector.Runs.Lifecycle;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Production;

namespace Otel.Collector.Production.Cost;

/// <summary>
/// Cost per run where the query API shows runs: a run's detail, the runs list (<c>?cost=true</c>) and the stats
/// (M7). Always at the current prices, computed from the runs' stored provenance; the stored rows of
/// <see cref="RunCostJob"/> are for dashboards.
/// </summary>
internal sealed class RunCosts(IClickHouseStore store, PriceBook prices)
{
    /// <summary>The resource attributes a cost reads, as columns of the same names.</summary>
    internal const string ResourceColumns = """
        Provenance['host.type'] AS `host.type`, Provenance['cloud.provider'] AS `cloud.provider`, Provenance['cloud.region'] AS `cloud.region`,
        Provenance['ml.gpu.model'] AS `ml.gpu.model`, Provenance['ml.gpu.count'] AS `ml.gpu.count`
        """;

    private static readonly string[] ResourceKeys =
        [PricedResources.HostTypeKey, PricedResources.CloudProviderKey, PricedResources.CloudRegionKey, PricedResources.GpuModelKey, PricedResources.GpuCountKey];

    public RunCost For(RunDetail run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return RunCostCalculator.Compute(prices.Current, PricedResources.From(run.Provenance), run.StartTime, run.EndTime);
    }

    /// <summary>Sets <see cref="RunSummary.Cost"/> of every run, with one query for their resources.</summary>
    public async Task FillAsync(IReadOnlyList<RunSummary> runs, CancellationToken cancellationToken)
    {
        if (runs.Count == 0)
        {
            return;
        }

        var sql = $"SELECT RunId, {ResourceColumns} FROM ml_runs FINAL WHERE RunId IN {{ids:Array(String)}}";
        var parameters = new QueryParameters().Add("ids", runs.Select(r => r.Id));
        var resources = JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, cancellationToken))
            .ToDictionary(r => r.String("RunId"), Resources, StringComparer.Ordinal);
        var table = prices.Current;
        foreach (var run in runs)
        {
            run.Cost = RunCostCalculator.Compute(table, resources.GetValueOrDefault(run.Id) ?? PricedResources.From(new Dictionary<string, string>()), run.StartTime, run.EndTime);
        }
    }

    /// <summary>M7 over the ended active runs (of <paramref name="experiment"/> when given).</summary>
    public async Task<CostPerRun> StatsAsync(string? experiment, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT toUnixTimestamp64Nano(StartTime) AS StartNs, toUnixTimestamp64Nano(EndTime) AS EndNs, {ResourceColumns}
            FROM ({RunLifecycleSql.RunsWithLifecycle})
            WHERE State = 'active' AND EndTime IS NOT NULL AND ({"{experiment:String}"} = '' OR Experiment = {"{experiment:String}"})
            """;
        var parameters = new QueryParameters().Add("experiment", experiment ?? string.Empty);
        var table = prices.Current;
        var amounts = new List<double>();
        var unpriced = 0L;
        foreach (var row in JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, cancellationToken)))
        {
            var cost = RunCostCalculator.Compute(table, Resources(row), row.Time("StartNs"), row.Time("EndNs"));
            if (cost.Amount is { } amount)
            {
                amounts.Add(amount);
            }
            else
            {
                unpriced++;
            }
        }

        amounts.Sort();
        return new CostPerRun
        {
            Currency = table?.Currency,
            PricedRuns = amounts.Count,
            UnpricedRuns = unpriced,
            Mean = amounts.Count == 0 ? null : amounts.Average(),
            Median = amounts.Count == 0 ? null
                : amounts.Count % 2 == 1 ? amounts[amounts.Count / 2] : (amounts[(amounts.Count / 2) - 1] + amounts[amounts.Count / 2]) / 2,
            Total = amounts.Count == 0 ? null : amounts.Sum(),
        };
    }

    internal static PricedResources Resources(JsonElement row) =>
        PricedResources.From(ResourceKeys.ToDictionary(key => key, key => row.String(key), StringComparer.Ordinal));
}
