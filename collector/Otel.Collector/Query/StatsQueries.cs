using Otel.Collector.ClickHouse;
using Otel.Collector.Production.Cost;
using Otel.Collector.Production.Linkage;
using Otel.Tracking.Query;

namespace Otel.Collector.Query;

/// <summary>
/// Quality numbers across active runs (archived and deleted runs do not count): CI duplicate fraction, reproducibility rate, time to
/// promote (M4), cost per run (M7); and production linkage (M8) over the last day of serving telemetry, for every experiment.
/// </summary>
internal sealed class StatsQueries(IClickHouseStore store, RunQueries runs, ProductionLinkageQuery linkage, RunCosts costs)
{
    public async Task<RunStats> GetAsync(string? experiment, double tolerance, CancellationToken cancellationToken)
    {
        var filter = new QueryParameters().Add("experiment", experiment ?? string.Empty);
        var counts = JsonRows.Parse(await store.QueryAsync($"""
            SELECT count() AS Runs, uniqExact(LogicalKey) AS LogicalRuns
            FROM (SELECT {RunQueries.LogicalKey} AS LogicalKey FROM ({Runs.Lifecycle.RunLifecycleSql.RunsWithLifecycle})
                  WHERE ({"{experiment:String}"} = '' OR Experiment = {"{experiment:String}"}) AND State = 'active')
            """, "JSONEachRow", filter, cancellationToken)).Single();
        var total = counts.Int64("Runs");
        var logical = counts.Int64("LogicalRuns");

        var pairs = JsonRows.Parse(await store.QueryAsync($"""
            SELECT RunId, Reproduces FROM ({Runs.Lifecycle.RunLifecycleSql.RunsWithLifecycle})
            WHERE Reproduces != '' AND Status = 'FINISHED' AND State = 'active'
              AND ({"{experiment:String}"} = '' OR Experiment = {"{experiment:String}"})
            """, "JSONEachRow", filter, cancellationToken)).Select(r => (Copy: r.String("RunId"), Original: r.String("Reproduces"))).ToList();
        var within = 0;
        foreach (var (copy, original) in pairs)
        {
            var a = await runs.GetRunAsync(original, cancellationToken);
            var b = await runs.GetRunAsync(copy, cancellationToken);
            if (a is not null && b is not null && Reproducibility.MetricsMatch(a.Metrics, b.Metrics, tolerance))
            {
                within++;
            }
        }

        var production = await linkage.GetAsync(cancellationToken);
        return new RunStats(total, logical, total == 0 ? 0 : (double)(total - logical) / total,
            pairs.Count, within, pairs.Count == 0 ? null : (double)within / pairs.Count, tolerance)
        {
            TimeToPromote = await new TimeToPromoteQuery(store).GetAsync(experiment, cancellationToken),
            ProductionLinkageRate = production.Rate,
            ProductionLinkage = production,
            CostPerRun = await costs.StatsAsync(experiment, cancellationToken),
        };
    }
}
