using System.Diagnostics.Metrics;
using Otel.Tracking.SystemMetrics;

namespace Otel.Tracking.Diagnostics;

/// <summary>
/// Process memory and CPU, reported once per active run with <c>ml.run.id</c> and <c>ml.experiment.name</c>: by
/// wire contract v1, metric points carrying a run id become that run's system metrics. One series per run and
/// name (CPU is user plus system time, no <c>cpu.mode</c>). Off with the system metrics (<see cref="SystemMetricRuns"/>).
/// </summary>
internal static class ProcessMetrics
{
    public static IEnumerable<Measurement<long>> ObserveMemory() => Observe(Environment.WorkingSet);

    public static IEnumerable<Measurement<double>> ObserveCpuTime() => Observe(Environment.CpuUsage.TotalTime.TotalSeconds);

    private static List<Measurement<T>> Observe<T>(T value)
        where T : struct
    {
        var runs = SystemMetricRuns.Active();
        var measurements = new List<Measurement<T>>(runs.Count);
        foreach (var run in runs)
        {
            measurements.Add(new(
                value,
                new KeyValuePair<string, object?>(MlSemanticConventions.RunId, run.Id),
                new KeyValuePair<string, object?>(MlSemanticConventions.ExperimentName, run.Experiment)));
        }

        return measurements;
    }
}
