using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Otel.Collector.ClickHouse;
using Otel.Collector.Telemetry;
using Otel.Collector.Time;
using Otel.Tracking;

namespace Otel.Collector.Runs;

/// <summary>
/// Marks RUNNING runs that stopped showing signs of life as LOST, so that a process that vanished
/// without ending its run does not leave it RUNNING for ever. Liveness and the cut-off both use the
/// collector's clock (receive times), so client clock skew cannot make a run look lost.
/// A LOST run that reports its end later still becomes FINISHED/FAILED/KILLED (terminal rows win).
/// </summary>
internal sealed partial class LostRunSweeper(IClickHouseStore store, LostRunOptions options, TimeProvider time, ILogger<LostRunSweeper> logger, CollectorMeter? meter = null)
    : BackgroundService
{
    private const string MarkLostSql = """
        INSERT INTO ml_runs (RunId, Experiment, RunName, ParentRunId, Status, StatusMessage, StartTime, EndTime,
                             ServiceName, TraceId, Provenance, ReceivedAt, Reproduces, Version)
        SELECT RunId, Experiment, RunName, ParentRunId, {lost:String}, {message:String}, StartTime, NULL,
               ServiceName, TraceId, Provenance, fromUnixTimestamp64Nano({now:Int64}), Reproduces, {version:UInt64}
        FROM ml_runs FINAL
        WHERE Status = {running:String}
          AND ReceivedAt < fromUnixTimestamp64Nano({cutoff:Int64})
          AND RunId NOT IN (SELECT RunId FROM ml_run_liveness WHERE LastSeen >= fromUnixTimestamp64Nano({cutoff:Int64}))
        """;

    /// <summary>Marks every run silent for longer than the timeout, as of now.</summary>
    public async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.NowNanos();
        var cutoff = now - (ulong)options.LostAfter.Ticks * 100;
        var parameters = new QueryParameters()
            .Add("lost", MlSemanticConventions.Status.Lost)
            .Add("running", MlSemanticConventions.Status.Running)
            .Add("message", $"no sign of life for {options.LostAfter.TotalSeconds:0} s: the process probably vanished")
            .Add("now", (long)now)
            .Add("cutoff", (long)cutoff)
            .Add("version", (long)now);
        await store.ExecuteAsync(MarkLostSql, parameters, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.EffectiveSweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await meter.RunJobAsync(JobMetrics.LostRunSweep, time, () => SweepOnceAsync(stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Looking for lost runs failed; will retry")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
