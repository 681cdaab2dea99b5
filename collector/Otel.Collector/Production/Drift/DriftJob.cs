using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Production.Drift;

/// <summary>
/// Keeps <c>ml_drift</c> for dashboards and alert rules: at every run, each window of <see cref="DriftOptions.Windows"/>
/// whose end (the last multiple of its step, UTC, so a row covers whole minutes) has moved since it was last computed
/// is computed for every model that served in it, one model per query, and the rows go through the pipeline.
/// Telemetry that arrives after its window was computed counts in later windows only.
/// </summary>
/// <remarks>
/// A run stops taking new models once it has used a third of the lease (<see cref="JobOptions.LeaseDuration"/>), and
/// the next run carries on where it stopped: a day of telemetry of many models can take longer than one lease
/// (docs/benchmarks.md, "Drift"), and a run must end within its lease.
/// </remarks>
internal sealed class DriftJob(DriftQueries drift, ExportPipeline pipeline, DriftOptions options, JobOptions jobs, TimeProvider time) : IJob
{
    /// <summary>The end of each window last written in full by this collector; a window computed again elsewhere replaces the rows (same key).</summary>
    private readonly Dictionary<string, DateTimeOffset> _written = new(StringComparer.Ordinal);

    /// <summary>Per window, the end being computed and the models not computed yet for it.</summary>
    private readonly Dictionary<string, (DateTimeOffset End, Queue<string> Models)> _pending = new(StringComparer.Ordinal);

    public string Name => "drift";

    public TimeSpan Interval => options.Interval;

    public async Task RunOnceAsync(JobRun run, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var now = time.GetUtcNow();
        var progress = await drift.ProgressAsync(cancellationToken);
        foreach (var (window, step) in options.Windows)
        {
            var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % step.Ticks), TimeSpan.Zero);
            if (_written.TryGetValue(window.Name, out var written) && written >= end)
            {
                continue;
            }

            if (!_pending.TryGetValue(window.Name, out var pending) || pending.End != end)
            {
                pending = (end, new Queue<string>(await drift.ServingModelsAsync(window, end, cancellationToken)));
                _pending[window.Name] = pending;
            }

            while (pending.Models.TryPeek(out var model))
            {
                var batch = new RowBatch();
                foreach (var result in await drift.ModelAsync(model, window, end, options.Thresholds, progress, cancellationToken))
                {
                    DriftRows.Write(batch, result, now);
                }

                await pipeline.WriteAsync(Name, batch, cancellationToken);
                pending.Models.Dequeue();
                if (pending.Models.Count > 0 && time.GetElapsedTime(started) >= jobs.LeaseDuration / 3)
                {
                    return;
                }
            }

            _pending.Remove(window.Name);
            _written[window.Name] = end;
        }
    }
}
