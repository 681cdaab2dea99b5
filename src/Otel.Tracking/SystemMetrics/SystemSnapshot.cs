namespace Otel.Tracking.SystemMetrics;

/// <summary>One reading of the machine; a part this platform cannot give is null (or no GPUs).</summary>
internal sealed record SystemSnapshot(
    double? CpuUtilization,
    MemoryInfo? Memory,
    IoCounters? Disk,
    IoCounters? Network,
    IReadOnlyList<GpuSample> Gpus);
