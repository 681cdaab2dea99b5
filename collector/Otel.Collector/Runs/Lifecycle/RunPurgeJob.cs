using Otel.Collector.ClickHouse;
using Otel.Collector.Jobs;
using Otel.Collector.Query;
using Otel.Collector.Time;
using Otel.Tracking.Query;

namespace Otel.Collector.Runs.Lifecycle;

/// <summary>
/// Purges runs deleted longer than the grace period ago (<see cref="RunLifecycleOptions.PurgeGrace"/>), except runs
/// under legal hold or backing a registered model version, which are never purged. The grace is measured on the
/// collector's clock from the newest state change, so a restore and a new delete start it again.
/// </summary>
internal sealed class RunPurgeJob(IClickHouseStore store, RunPurger purger, RunLifecycleOptions options, TimeProvider time) : IJob
{
    private const string DueSql = $"""
        SELECT RunId, StateAtNs FROM ({RunLifecycleSql.CurrentLifecycle})
        WHERE State = {"{deleted:String}"} AND StateAtNs <= {"{cutoff:Int64}"}
          AND RunId NOT IN ({RunLifecycleSql.ProtectedRunIds})
        ORDER BY StateAtNs, RunId
        LIMIT {"{limit:UInt32}"}
        """;

    public string Name => "run-purge";

    public TimeSpan Interval => options.PurgeInterval;

    public async Task RunOnceAsync(JobRun run, CancellationToken cancellationToken)
    {
        var cutoff = (long)time.NowNanos() - options.PurgeGrace.Ticks * 100;
        var parameters = new QueryParameters()
            .Add("deleted", RunLifecycleStates.Deleted)
            .Add("cutoff", cutoff)
            .Add("limit", options.MaxRunsPerPass);
        var due = JsonRows.Parse(await store.QueryAsync(DueSql, "JSONEachRow", parameters, cancellationToken))
            .Select(r => (RunId: r.String("RunId"), DeletedAt: r.Time("StateAtNs")))
            .ToList();
        foreach (var (runId, deletedAt) in due)
        {
            await purger.PurgeAsync(runId, deletedAt, cancellationToken);
        }
    }
}
