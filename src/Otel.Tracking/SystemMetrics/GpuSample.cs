using System.Globalization;

namespace Otel.Tracking.SystemMetrics;

/// <summary>One NVIDIA GPU as <c>nvidia-smi</c> reports it: utilization in percent, memory in MiB.</summary>
internal readonly record struct GpuSample(string Index, double UtilizationPercent, long MemoryUsedMiB, long MemoryTotalMiB)
{
    /// <summary>The arguments whose output <see cref="Parse"/> reads.</summary>
    public static readonly string[] QueryArguments =
        ["--query-gpu=index,utilization.gpu,memory.used,memory.total", "--format=csv,noheader,nounits"];

    public long MemoryUsedBytes => MemoryUsedMiB * 1024 * 1024;

    public long MemoryTotalBytes => MemoryTotalMiB * 1024 * 1024;

    /// <summary>
    /// Rows such as <c>0, 87, 10240, 81920</c>. A row with a value the driver cannot give (<c>[N/A]</c>, <c>[Not Supported]</c>)
    /// is skipped rather than reported as zero.
    /// </summary>
    public static IReadOnlyList<GpuSample> Parse(string output)
    {
        var gpus = new List<GpuSample>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(',', StringSplitOptions.TrimEntries);
            if (fields.Length == 4
                && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var utilization)
                && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var used)
                && long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var total))
            {
                gpus.Add(new GpuSample(fields[0], utilization, used, total));
            }
        }

        return gpus;
    }
}
