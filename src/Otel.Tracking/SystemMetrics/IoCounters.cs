using System.Globalization;

namespace Otel.Tracking.SystemMetrics;

/// <summary>Bytes moved in and out since boot, summed over whole disks (<c>/proc/diskstats</c>) or interfaces (<c>/proc/net/dev</c>).</summary>
internal readonly record struct IoCounters(long In, long Out)
{
    private const int SectorBytes = 512; // diskstats counts 512-byte sectors whatever the device's own sector size

    /// <summary>
    /// Sectors read (field 6) and written (field 10) of the devices named in <paramref name="disks"/> (the entries of
    /// <c>/sys/block</c>: whole disks, so partitions are not counted twice); loop and RAM devices are left out.
    /// </summary>
    public static IoCounters? ParseDiskStats(string procDiskstats, IReadOnlySet<string> disks)
    {
        long read = 0, written = 0;
        var any = false;
        foreach (var line in procDiskstats.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || !disks.Contains(fields[2]) || fields[2].StartsWith("loop", StringComparison.Ordinal)
                || fields[2].StartsWith("ram", StringComparison.Ordinal))
            {
                continue;
            }

            if (long.TryParse(fields[5], NumberStyles.None, CultureInfo.InvariantCulture, out var sectorsRead)
                && long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var sectorsWritten))
            {
                read += sectorsRead * SectorBytes;
                written += sectorsWritten * SectorBytes;
                any = true;
            }
        }

        return any ? new IoCounters(read, written) : null;
    }

    /// <summary>Received (first) and transmitted (ninth) bytes of every interface but loopback.</summary>
    public static IoCounters? ParseNetDev(string procNetDev)
    {
        long received = 0, transmitted = 0;
        var any = false;
        foreach (var line in procNetDev.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || line[..colon].Trim() == "lo")
            {
                continue;
            }

            var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 9
                && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rx)
                && long.TryParse(fields[8], NumberStyles.None, CultureInfo.InvariantCulture, out var tx))
            {
                received += rx;
                transmitted += tx;
                any = true;
            }
        }

        return any ? new IoCounters(received, transmitted) : null;
    }
}
