namespace Otel.Tracking.SystemMetrics;

/// <summary>
/// Names, units and attributes of the system metrics a run reports, from OpenTelemetry's semantic conventions for system
/// and hardware (GPU) metrics (docs/autolog.md lists them with the run history key each becomes).
/// </summary>
internal static class SystemMetricNames
{
    public const string CpuUtilization = "system.cpu.utilization";
    public const string MemoryUsage = "system.memory.usage";
    public const string MemoryUtilization = "system.memory.utilization";
    public const string DiskIo = "system.disk.io";
    public const string NetworkIo = "system.network.io";
    public const string GpuUtilization = "hw.gpu.utilization";
    public const string GpuMemoryUsage = "hw.gpu.memory.usage";
    public const string GpuMemoryLimit = "hw.gpu.memory.limit";

    public const string MemoryState = "system.memory.state";
    public const string MemoryStateUsed = "used";
    public const string DiskIoDirection = "disk.io.direction";
    public const string NetworkIoDirection = "network.io.direction";
    public const string HardwareId = "hw.id";

    public const string Bytes = "By";
    public const string Ratio = "1";

    /// <summary>Set to <c>false</c> (or <c>0</c>) to turn system metrics off for every tracker of the process.</summary>
    public const string DisableVariable = "OTEL_TRACK_SYSTEM_METRICS";
}
