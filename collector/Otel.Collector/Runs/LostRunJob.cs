using Otel.Collector.ClickHouse;
using Otel.Collector.Sinks.Rows;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Query;
using Otel.Collector.Time;
using Otel.Tracking;

namespace Otel.Collector.Runs;

/// <summary>
/// Marks RUNNING runs that stopped showing signs of life as LOST, so that a process that vanished without ending its
/// run does not leave it RUNNING for ever. Liveness and the cut-off both use collector clocks (receive times), so
/// client clock skew cannot make a run look lost. A LOST run that reports its end later still becomes
/// FINISHED/FAILED/KILLED (terminal rows win). The marks go through the spool like ingested rows.
/// </summary>
internal sealed class LostRunJob(IClickHouseStore store, ExportPipeline pipeline, LostRunOptions options, TimeProvider time) : IJob
{
    private const string SilentRunsSql = """
        SELECT RunId, Experiment, RunName, ParentRunId, toUnixTimestamp64Nano(StartTime) AS StartNs,
               ServiceName, TraceId, Provenance, Reproduces, TotalSteps, Version
        FROM ml_runs FINAL
        WHERE Status = {running:String}
          AND ReceivedAt < fromUnixTimestamp64Nano({cutoff:Int64})
          AND RunId NOT IN (SELECT RunId FROM ml_run_liveness WHERE LastSeen >= fromUnixTimestamp64Nano({cutoff:Int64}))
        """;

    public string Name => "lost-runs";

    public TimeSpan Interval => options.EffectiveSweepInterval;

    /// <summary>Marks every run silent for longer than the timeout, as of now.</summary>
    public async Task RunOnceAsync(JobRun run, CancellationToken cancellationToken)
    {
        var now = time.NowNanos();
        var cutoff = now - (ulong)options.LostAfter.Ticks * 100;
        var parameters = new QueryParameters()
            .Add("running", MlSemanticConventions.Status.Running)
            .Add("cutoff", (long)cutoff);
        var silent = JsonRows.Parse(await store.QueryAsync(SilentRunsSql, "JSONEachRow", parameters, cancellationToken))
            .Select(r => new SilentRun(
                r.String("RunId"), r.String("Experiment"), r.String("RunName"), r.String("ParentRunId"), (ulong)r.Int64("StartNs"),
                r.String("ServiceName"), r.String("TraceId"), [.. r.Map("Provenance")], r.String("Reproduces"),
                r.NullableInt64("TotalSteps"), (ulong)r.Int64("Version")))
            .ToList();

        var message = $"no sign of life for {options.LostAfter.TotalSeconds:0} s: the process probably vanished";
        var batch = new RowBatch();
        foreach (var silentRun in silent)
        {
            LostRunRows.Write(batch, silentRun, message, now);
        }

        await pipeline.WriteAsync(Name, batch, cancellationToken);
    }
}
