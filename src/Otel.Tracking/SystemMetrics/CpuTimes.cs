using System.Globalization;

namespace Otel.Tracking.SystemMetrics;

/// <summary>Jiffies of all CPUs together, from the first line of <c>/proc/stat</c>; utilization is the busy share of a delta.</summary>
internal readonly record struct CpuTimes(ulong Idle, ulong Total)
{
    /// <summary>Parses <c>cpu  user nice system idle iowait irq softirq steal …</c>; null if the line is not there.</summary>
    public static CpuTimes? Parse(string procStat)
    {
        var line = procStat.AsSpan();
        var end = line.IndexOf('\n');
        line = end < 0 ? line : line[..end];
        if (!line.StartsWith("cpu "))
        {
            return null;
        }

        ulong idle = 0, total = 0;
        var field = 0;
        foreach (var range in line[4..].Split(' '))
        {
            var token = line[4..][range];
            if (token.IsEmpty)
            {
                continue;
            }

            if (!ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            // Fields 8 and 9 (guest, guest_nice) are already counted in user and nice.
            if (field < 8)
            {
                total += value;
                if (field is 3 or 4)
                {
                    idle += value; // idle and iowait
                }
            }

            field++;
        }

        return field >= 4 ? new CpuTimes(idle, total) : null;
    }

    /// <summary>Busy fraction (0–1) between <paramref name="earlier"/> and this sample; null when no time passed.</summary>
    public double? UtilizationSince(CpuTimes earlier)
    {
        if (Total <= earlier.Total)
        {
            return null;
        }

        var total = (double)(Total - earlier.Total);
        var idle = Idle >= earlier.Idle ? (double)(Idle - earlier.Idle) : 0;
        return Math.Clamp(1 - (idle / total), 0, 1);
    }
}
