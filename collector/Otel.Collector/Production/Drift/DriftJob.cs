using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Production.Drift;

/// <summary>
/// Keeps <c>ml_drift</c> for dashboards and alert rules: at every run, each window of <see cref="DriftOptions.Windows"/>
/// whose end (the last multiple of its step, UTC, so a row covers whole minutes) has moved since it was last computed
/// is computed for every version that served in it, in one query, and its rows go through the pipeline. Telemetry that
/// arrives after its window was computed counts in later windows only.
/// </summary>
internal sealed class DriftJob(DriftQueries drift, ExportPipeline pipeline, DriftOptions options, TimeProvider time) : IJob
{
    /// <summary>The end of each window last written by this collector; a window computed again elsewhere replaces the row (same key).</summary>
    private readonly Dictionary<string, DateTimeOffset> _written = new(StringComparer.Ordinal);

    public string Name => "drift";

    public TimeSpan Interval => options.Interval;

    public async Task RunOnceAsync(JobRun run, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (window, step) in options.Windows)
        {
            var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % step.Ticks), TimeSpan.Zero);
            if (_written.TryGetValue(window.Name, out var written) && written >= end)
            {
                continue;
            }

            var results = await drift.AllAsync(window, end, options.Thresholds, cancellationToken);
            var batch = new RowBatch();
            foreach (var result in results)
            {
                DriftRows.Write(batch, result, now);
            }

            await pipeline.WriteAsync(Name, batch, cancellationToken);
            _written[window.Name] = end;
        }
    }
}
