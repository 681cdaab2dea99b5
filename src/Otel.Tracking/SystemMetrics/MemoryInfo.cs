using System.Globalization;

namespace Otel.Tracking.SystemMetrics;

/// <summary>Physical memory from <c>/proc/meminfo</c>: used is total minus available, as <c>free</c> reports it.</summary>
internal readonly record struct MemoryInfo(long TotalBytes, long AvailableBytes)
{
    public long UsedBytes => TotalBytes - AvailableBytes;

    public double Utilization => TotalBytes > 0 ? (double)UsedBytes / TotalBytes : 0;

    public static MemoryInfo? Parse(string procMeminfo)
    {
        long? total = null, available = null;
        foreach (var line in procMeminfo.Split('\n'))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                total = Kilobytes(line);
            }
            else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                available = Kilobytes(line);
            }
        }

        return total is { } t && available is { } a ? new MemoryInfo(t, a) : null;
    }

    /// <summary><c>MemTotal:       16318504 kB</c> in bytes.</summary>
    private static long? Kilobytes(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
    }
}
