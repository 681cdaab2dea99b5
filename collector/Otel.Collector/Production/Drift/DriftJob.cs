using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Production.Drift;

/// <summary>
/// Keeps <c>ml_drift</c> for dashboards and alert rules: at every run, each window of <see cref="Windows"/> whose end
/// (a multiple of its step, UTC) has moved since it was last computed is computed for every version that served in
/// it, in one query, and its rows go through the pipeline. A window ends at the start of the current minute, so a
/// row covers whole minutes; telemetry that arrives after its window was computed counts in later windows only.
/// </summary>
internal sealed class DriftJob(DriftQueries drift, ExportPipeline pipeline, DriftOptions options, TimeProvider time) : IJob
{
    /// <summary>
    /// The windows kept and how often each is recomputed: 15 minutes for alerting soon after a shift, 1 hour for a
    /// steadier reading, 1 day for slow drift and daily cycles. The longer windows change little from one minute to
    /// the next, so they are recomputed less often, which bounds the job's cost (docs/benchmarks.md, "Drift").
    /// </summary>
    public static IReadOnlyList<(DriftWindow Window, TimeSpan Step)> Windows { get; } =
    [
        (DriftWindow.FifteenMinutes, TimeSpan.FromMinutes(1)),
        (DriftWindow.OneHour, TimeSpan.FromMinutes(5)),
        (DriftWindow.OneDay, TimeSpan.FromMinutes(15)),
    ];

    /// <summary>The end of each window last written by this collector; a window computed again elsewhere replaces the row (same key).</summary>
    private readonly Dictionary<string, DateTimeOffset> _written = new(StringComparer.Ordinal);

    public string Name => "drift";

    public TimeSpan Interval => options.Interval;

    public async Task RunOnceAsync(JobRun run, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (window, step) in Windows)
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
