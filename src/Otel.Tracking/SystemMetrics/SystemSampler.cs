using System.Text;
using Otel.Tracking.EnvironmentCapture;

namespace Otel.Tracking.SystemMetrics;

/// <summary>
/// Reads the machine for the system metrics: <c>/proc</c> on Linux (elsewhere those parts are left out) and
/// <c>nvidia-smi</c> when it is on PATH. One collection asks once per instrument, so a reading is reused for a second;
/// CPU utilization is the busy share since the previous reading. Never throws.
/// </summary>
internal sealed class SystemSampler
{
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan NvidiaSmiTimeout = TimeSpan.FromSeconds(2);

    private readonly string _root;
    private readonly string _nvidiaSmi;
    private readonly TimeProvider _time;
    private readonly Lock _sync = new();
    private readonly Lazy<string?> _nvidiaSmiPath;
    private readonly Lazy<IReadOnlySet<string>> _disks;
    private CpuTimes? _previousCpu;
    private SystemSnapshot? _last;
    private long _lastAt;

    public SystemSampler(string root, string nvidiaSmi, TimeProvider time)
    {
        _root = root;
        _nvidiaSmi = nvidiaSmi;
        _time = time;
        _nvidiaSmiPath = new(() => ExternalCommand.Find(_nvidiaSmi));
        _disks = new(ReadDisks);
    }

    public static SystemSampler Shared { get; } = new("/", "nvidia-smi", TimeProvider.System);

    /// <summary>Takes the first CPU reading, so the first collection already has a utilization to report.</summary>
    public void Prime()
    {
        lock (_sync)
        {
            _previousCpu ??= Text("proc/stat") is { } stat ? CpuTimes.Parse(stat) : null;
        }
    }

    public SystemSnapshot Current()
    {
        lock (_sync)
        {
            if (_last is not null && _time.GetElapsedTime(_lastAt) < Reuse)
            {
                return _last;
            }

            _last = Read();
            _lastAt = _time.GetTimestamp();
            return _last;
        }
    }

    private SystemSnapshot Read()
    {
        var cpu = Text("proc/stat") is { } stat ? CpuTimes.Parse(stat) : null;
        var utilization = cpu is { } now && _previousCpu is { } before ? now.UtilizationSince(before) : null;
        _previousCpu = cpu ?? _previousCpu;
        return new SystemSnapshot(
            utilization,
            Text("proc/meminfo") is { } meminfo ? MemoryInfo.Parse(meminfo) : null,
            Text("proc/diskstats") is { } diskstats ? IoCounters.ParseDiskStats(diskstats, _disks.Value) : null,
            Text("proc/net/dev") is { } netdev ? IoCounters.ParseNetDev(netdev) : null,
            Gpus());
    }

    private IReadOnlyList<GpuSample> Gpus()
    {
        if (_nvidiaSmiPath.Value is not { } executable
            || ExternalCommand.Run(executable, GpuSample.QueryArguments, Path.GetTempPath(), NvidiaSmiTimeout) is not { } output)
        {
            return [];
        }

        return GpuSample.Parse(Encoding.UTF8.GetString(output));
    }

    private HashSet<string> ReadDisks()
    {
        try
        {
            return new HashSet<string>(Directory.EnumerateFileSystemEntries(Path.Combine(_root, "sys/block")).Select(Path.GetFileName)!, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new HashSet<string>();
        }
    }

    private string? Text(string relativePath)
    {
        try
        {
            return File.ReadAllText(Path.Combine(_root, relativePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // not Linux, or not readable here: that metric is left out
        }
    }
}
