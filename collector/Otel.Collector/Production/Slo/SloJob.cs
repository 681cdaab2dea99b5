using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Production.Slo;

/// <summary>
/// Writes every SLO's status to <c>ml_slo_status</c> each interval (default a minute), for dashboards and alert rules;
/// rows are keyed by SLO and evaluation time, so a replay of the spool or a second run within the interval replaces a
/// row instead of adding one.
/// </summary>
internal sealed class SloJob(SloStatuses statuses, ExportPipeline pipeline, SloOptions options, TimeProvider time) : IJob
{
    public string Name => "slo-status";

    public TimeSpan Interval => options.Interval;

    public async Task RunOnceAsync(JobRun run, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var batch = new RowBatch();
        try
        {
            var key = SloStatusRows.KeyTime(now, options.Interval);
            foreach (var status in await statuses.EvaluateAsync(null, now, cancellationToken))
            {
                SloStatusRows.Add(batch, status, key);
            }
        }
        catch
        {
            batch.Dispose();
            throw;
        }

        await pipeline.WriteAsync(Name, batch, cancellationToken);
    }
}
