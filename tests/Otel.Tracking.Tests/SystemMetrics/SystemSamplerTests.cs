using Otel.Tracking.SystemMetrics;

namespace Otel.Tracking.Tests.SystemMetrics;

/// <summary>The sampler over a recorded /proc tree in a temporary directory, on fake time.</summary>
public sealed class SystemSamplerTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("proc-");

    public SystemSamplerTests()
    {
        Write("proc/stat", "cpu  100 0 100 800 0 0 0 0 0 0\n");
        Write("proc/meminfo", "MemTotal: 1000 kB\nMemAvailable: 250 kB\n");
        Write("proc/diskstats", "   8       0 sda 10 0 100 5 20 0 200 9 0 10 14\n");
        Write("proc/net/dev", "  eth0: 500 1 0 0 0 0 0 0 700 1 0 0 0 0 0 0\n");
        Directory.CreateDirectory(Path.Combine(_root.FullName, "sys/block/sda"));
    }

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Current_RecordedProc_ReadsEveryPartAndCpuSinceThePrimedReading()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var sampler = new SystemSampler(_root.FullName, "no-such-nvidia-smi", time);
        sampler.Prime();
        Write("proc/stat", "cpu  250 0 250 900 0 0 0 0 0 0\n"); // 300 busy of 400 jiffies

        var snapshot = sampler.Current();

        Assert.Equal(0.75, snapshot.CpuUtilization);
        Assert.Equal(750L * 1024, snapshot.Memory!.Value.UsedBytes);
        Assert.Equal(new IoCounters(100 * 512, 200 * 512), snapshot.Disk);
        Assert.Equal(new IoCounters(500, 700), snapshot.Network);
        Assert.Empty(snapshot.Gpus); // nvidia-smi absent: no GPU metrics, no error
    }

    [Fact]
    public void Current_WithinASecond_ReusesTheReadingThenReadsAgain()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var sampler = new SystemSampler(_root.FullName, "no-such-nvidia-smi", time);
        var first = sampler.Current();
        Write("proc/meminfo", "MemTotal: 1000 kB\nMemAvailable: 500 kB\n");

        Assert.Same(first, sampler.Current());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(500L * 1024, sampler.Current().Memory!.Value.UsedBytes);
    }

    [Fact]
    public void Current_NoProc_LeavesThosePartsOut()
    {
        var sampler = new SystemSampler(Path.Combine(_root.FullName, "missing"), "no-such-nvidia-smi", new Microsoft.Extensions.Time.Testing.FakeTimeProvider());

        var snapshot = sampler.Current();

        Assert.Equal(new SystemSnapshot(null, null, null, null, []), snapshot with { Gpus = [] });
    }

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(_root.FullName, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
