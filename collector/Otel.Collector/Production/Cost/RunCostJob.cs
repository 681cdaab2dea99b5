using Otel.Collector.ClickHouse;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Query;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Production.Cost;

/// <summary>
/// Keeps <c>ml_run_costs</c> for dashboards: each pass re-reads the price file, then writes the cost of ended runs that
/// have no row at the current prices and end time yet (at most <see cref="MaxRunsPerPass"/>), so a changed price file
/// recomputes every run over the next passes and a pass that finds nothing new writes nothing.
/// </summary>
internal sealed class RunCostJob(IClickHouseStore store, ExportPipeline pipeline, PriceBook prices, CostOptions options, TimeProvider time) : IJob
{
    public const int MaxRunsPerPass = 10_000;

    private static readonly string Sql = $"""
        SELECT RunId, Experiment, toUnixTimestamp64Nano(StartTime) AS StartNs, toUnixTimestamp64Nano(EndTime) AS EndNs, {RunCosts.ResourceColumns}
        FROM ml_runs FINAL
        WHERE EndTime IS NOT NULL
          AND (RunId, assumeNotNull(EndTime)) NOT IN (SELECT RunId, EndTime FROM ml_run_costs WHERE PricesDigest = {"{digest:String}"})
        ORDER BY RunId
        LIMIT {MaxRunsPerPass}
        """;

    public string Name => "run-cost";

    public TimeSpan Interval => options.Interval;

    public async Task RunOnceAsync(JobRun run, CancellationToken cancellationToken)
    {
        prices.Reload();
        if (prices.Current is not { } table)
        {
            return;
        }

        var parameters = new QueryParameters().Add("digest", table.Digest);
        var now = time.GetUtcNow();
        var batch = new RowBatch();
        foreach (var row in JsonRows.Parse(await store.QueryAsync(Sql, "JSONEachRow", parameters, cancellationToken)))
        {
            var start = row.Time("StartNs");
            var end = row.Time("EndNs");
            var cost = RunCostCalculator.Compute(table, RunCosts.Resources(row), start, end);
            RunCostRows.Write(batch, new RunCostRow(row.String("RunId"), row.String("Experiment"), start, end, cost.HourlyPrice, cost.Amount,
                table.Currency, cost.Reason ?? string.Empty, table.Digest, now));
        }

        await pipeline.WriteAsync(Name, batch, cancellationToken);
    }
}
