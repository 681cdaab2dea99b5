using Otel.Tracking.SystemMetrics;

namespace Otel.Tracking.Tests.SystemMetrics;

/// <summary>The /proc and nvidia-smi parsers on output recorded from real machines.</summary>
public sealed class SystemReadingParserTests
{
    private const string ProcStat = """
        cpu  10132153 290696 3084719 46828483 16683 0 25195 0 175628 0
        cpu0 1393280 32966 572056 13343292 6130 0 17875 0 23933 0
        intr 199292 0 0
        """;

    [Fact]
    public void CpuTimes_ProcStat_SumsTheFirstEightFieldsAndCountsIdleAndIowaitAsIdle()
    {
        var times = CpuTimes.Parse(ProcStat);

        Assert.Equal(new CpuTimes(46828483 + 16683, 10132153L + 290696 + 3084719 + 46828483 + 16683 + 0 + 25195 + 0), times);
    }

    [Fact]
    public void CpuTimes_UtilizationSince_IsTheBusyShareOfTheDelta()
    {
        var before = new CpuTimes(Idle: 1000, Total: 2000);

        Assert.Equal(0.75, new CpuTimes(Idle: 1025, Total: 2100).UtilizationSince(before));
        Assert.Null(before.UtilizationSince(before));
    }

    [Theory]
    [InlineData("")]
    [InlineData("intr 1 2 3")]
    [InlineData("cpu  a b c d")]
    public void CpuTimes_NotAProcStat_IsNull(string text) => Assert.Null(CpuTimes.Parse(text));

    [Fact]
    public void MemoryInfo_ProcMeminfo_UsedIsTotalMinusAvailable()
    {
        var memory = MemoryInfo.Parse("MemTotal:       16318504 kB\nMemFree:         1234567 kB\nMemAvailable:    8159252 kB\n");

        Assert.Equal(16318504L * 1024, memory!.Value.TotalBytes);
        Assert.Equal((16318504L - 8159252) * 1024, memory.Value.UsedBytes);
        Assert.Equal(0.5, memory.Value.Utilization, 6);
    }

    [Fact]
    public void IoCounters_DiskStats_SumsWholeDisksInBytesAndSkipsPartitionsAndLoops()
    {
        const string diskstats = """
             259       0 nvme0n1 96342 21374 7618086 20536 203010 124528 9934554 191640 0 167800 229412
             259       1 nvme0n1p1 300 0 19538 54 2 0 2 0 0 64 54
               7       0 loop0 52 0 2146 11 0 0 0 0 0 32 11
               8       0 sda 10 0 100 5 20 0 200 9 0 10 14
            """;

        var io = IoCounters.ParseDiskStats(diskstats, new HashSet<string> { "nvme0n1", "sda", "loop0" });

        Assert.Equal(new IoCounters((7618086L + 100) * 512, (9934554L + 200) * 512), io);
    }

    [Fact]
    public void IoCounters_NetDev_SumsInterfacesButLoopback()
    {
        const string netdev = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo: 9999999    1000    0    0    0     0          0         0  9999999    1000    0    0    0     0       0          0
              eth0: 123456789  98765    0    0    0     0          0         0 23456789   45678    0    0    0     0       0          0
              wlan0: 1000        10    0    0    0     0          0         0     2000      20    0    0    0     0       0          0
            """;

        Assert.Equal(new IoCounters(123456789 + 1000, 23456789 + 2000), IoCounters.ParseNetDev(netdev));
    }

    [Fact]
    public void GpuSample_NvidiaSmiCsv_ParsesEachGpuAndSkipsRowsTheDriverCannotFill()
    {
        // nvidia-smi --query-gpu=index,utilization.gpu,memory.used,memory.total --format=csv,noheader,nounits on a 3-GPU host.
        const string output = "0, 87, 10240, 81920\n1, 0, 3, 81920\n2, [N/A], [N/A], 16384\n";

        var gpus = GpuSample.Parse(output);

        Assert.Equal([new GpuSample("0", 87, 10240, 81920), new GpuSample("1", 0, 3, 81920)], gpus);
        Assert.Equal(10240L * 1024 * 1024, gpus[0].MemoryUsedBytes);
    }

    [Fact]
    public void GpuSample_NoOutput_NoGpus() => Assert.Empty(GpuSample.Parse(string.Empty));

    [Theory]
    [InlineData("false", true)]
    [InlineData(" OFF ", true)]
    [InlineData("0", true)]
    [InlineData("true", false)]
    [InlineData(null, false)]
    public void SystemMetricRuns_IsOff_ReadsTheVariableAsASwitch(string? value, bool off) => Assert.Equal(off, SystemMetricRuns.IsOff(value));
}
