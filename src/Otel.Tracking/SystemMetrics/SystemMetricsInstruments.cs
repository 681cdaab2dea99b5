using System.Diagnostics.Metrics;

namespace Otel.Tracking.SystemMetrics;

/// <summary>
/// The system metrics as observable instruments of the SDK's Meter: each collection of the metric reader (every 10 s
/// with <see cref="MlTracking.Create"/>, see <see cref="MlTrackingOptions.MetricExportInterval"/>) reads the machine once
/// and reports the reading once per active run, with <c>ml.run.id</c>, so the collector files it under each run.
/// </summary>
internal static class SystemMetricsInstruments
{
    private static readonly KeyValuePair<string, object?> Used = new(SystemMetricNames.MemoryState, SystemMetricNames.MemoryStateUsed);
    private static readonly KeyValuePair<string, object?> Read = new(SystemMetricNames.DiskIoDirection, "read");
    private static readonly KeyValuePair<string, object?> Write = new(SystemMetricNames.DiskIoDirection, "write");
    private static readonly KeyValuePair<string, object?> Receive = new(SystemMetricNames.NetworkIoDirection, "receive");
    private static readonly KeyValuePair<string, object?> Transmit = new(SystemMetricNames.NetworkIoDirection, "transmit");

    public static void Register(Meter meter, SystemSampler sampler)
    {
        meter.CreateObservableGauge(SystemMetricNames.CpuUtilization,
            () => PerRun<double>(sampler, s => s.CpuUtilization is { } u ? [(u, [])] : []),
            SystemMetricNames.Ratio, "Busy share of all CPUs of the machine since the previous collection.");
        meter.CreateObservableUpDownCounter(SystemMetricNames.MemoryUsage,
            () => PerRun<long>(sampler, s => s.Memory is { } m ? [(m.UsedBytes, [Used])] : []),
            SystemMetricNames.Bytes, "Physical memory of the machine in use (total minus available).");
        meter.CreateObservableGauge(SystemMetricNames.MemoryUtilization,
            () => PerRun<double>(sampler, s => s.Memory is { } m ? [(m.Utilization, [Used])] : []),
            SystemMetricNames.Ratio, "Share of the machine's physical memory in use.");
        meter.CreateObservableCounter(SystemMetricNames.DiskIo,
            () => PerRun<long>(sampler, s => s.Disk is { } d ? [(d.In, [Read]), (d.Out, [Write])] : []),
            SystemMetricNames.Bytes, "Bytes read from and written to the machine's disks since boot.");
        meter.CreateObservableCounter(SystemMetricNames.NetworkIo,
            () => PerRun<long>(sampler, s => s.Network is { } n ? [(n.In, [Receive]), (n.Out, [Transmit])] : []),
            SystemMetricNames.Bytes, "Bytes received and transmitted by the machine's network interfaces (loopback excluded) since boot.");
        meter.CreateObservableGauge(SystemMetricNames.GpuUtilization,
            () => PerRun<double>(sampler, s => [.. s.Gpus.Select(g => (g.UtilizationPercent / 100, Gpu(g)))]),
            SystemMetricNames.Ratio, "Share of time one or more kernels ran on the GPU (nvidia-smi utilization.gpu).");
        meter.CreateObservableUpDownCounter(SystemMetricNames.GpuMemoryUsage,
            () => PerRun<long>(sampler, s => [.. s.Gpus.Select(g => (g.MemoryUsedBytes, Gpu(g)))]),
            SystemMetricNames.Bytes, "GPU memory in use.");
        meter.CreateObservableUpDownCounter(SystemMetricNames.GpuMemoryLimit,
            () => PerRun<long>(sampler, s => [.. s.Gpus.Select(g => (g.MemoryTotalBytes, Gpu(g)))]),
            SystemMetricNames.Bytes, "GPU memory size.");
    }

    private static KeyValuePair<string, object?>[] Gpu(GpuSample gpu) => [new(SystemMetricNames.HardwareId, gpu.Index)];

    /// <summary>The reading's series, each once per run: the run's identity plus the series' own attributes.</summary>
    private static List<Measurement<T>> PerRun<T>(SystemSampler sampler, Func<SystemSnapshot, (T Value, KeyValuePair<string, object?>[] Series)[]> series)
        where T : struct
    {
        var runs = SystemMetricRuns.Active();
        if (runs.Count == 0)
        {
            return [];
        }

        var values = series(sampler.Current());
        var measurements = new List<Measurement<T>>(runs.Count * values.Length);
        foreach (var run in runs)
        {
            foreach (var (value, attributes) in values)
            {
                measurements.Add(new Measurement<T>(value, [
                    new(MlSemanticConventions.RunId, run.Id), new(MlSemanticConventions.ExperimentName, run.Experiment), .. attributes]));
            }
        }

        return measurements;
    }
}
