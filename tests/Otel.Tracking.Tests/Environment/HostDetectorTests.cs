using System.Diagnostics;
using System.Runtime.InteropServices;
using Otel.Tracking.EnvironmentCapture;
using static Otel.Tracking.MlSemanticConventions;

namespace Otel.Tracking.Tests.EnvironmentCapture;

public sealed class HostDetectorTests
{
    private const string CpuInfo = """
        processor	: 0
        vendor_id	: GenuineIntel
        cpu family	: 6
        model		: 85
        model name	: Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz
        flags		: fpu vme de pse

        processor	: 1
        model name	: Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz
        """;

    private const string MemInfo = """
        MemTotal:       16318412 kB
        MemFree:         1021132 kB
        MemAvailable:    9452300 kB
        """;

    [Fact]
    public void ParseCpuModel_ReadsFirstModelName()
    {
        Assert.Equal("Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz", HostDetector.ParseCpuModel(CpuInfo));
        Assert.Null(HostDetector.ParseCpuModel("processor\t: 0\nBogoMIPS\t: 50.00\nCPU part\t: 0xd0c\n"));
    }

    [Fact]
    public void ParseMemTotal_ConvertsKibToBytes()
    {
        Assert.Equal(16318412L * 1024, HostDetector.ParseMemTotal(MemInfo));
        Assert.Null(HostDetector.ParseMemTotal("MemFree: 1 kB\n"));
    }

    [Fact]
    public void ParseNvidiaSmi_OneRowPerGpu()
    {
        var gpus = HostDetector.ParseNvidiaSmi("NVIDIA A100-SXM4-80GB, 535.104.05\nNVIDIA A100-SXM4-80GB, 535.104.05\n");

        Assert.Equal(2, gpus.Count);
        Assert.Equal(("NVIDIA A100-SXM4-80GB", "535.104.05"), gpus[0]);
        Assert.Empty(HostDetector.ParseNvidiaSmi(string.Empty));
    }

    [Theory]
    [InlineData(Architecture.X64, "amd64")]
    [InlineData(Architecture.Arm64, "arm64")]
    [InlineData(Architecture.X86, "x86")]
    [InlineData(Architecture.Arm, "arm32")]
    [InlineData(Architecture.S390x, "s390x")]
    [InlineData(Architecture.Ppc64le, "ppc64")]
    public void Arch_UsesSemanticConventionValues(Architecture architecture, string expected) =>
        Assert.Equal(expected, HostDetector.Arch(architecture));

    [Fact]
    public void Detect_FromSampleFiles_WithoutNvidiaSmi_IsQuickAndHasNoGpu()
    {
        var sources = EnvironmentSources.From(null, new Dictionary<string, string> { ["/proc/cpuinfo"] = CpuInfo, ["/proc/meminfo"] = MemInfo });

        var stopwatch = Stopwatch.StartNew();
        var host = HostDetector.Detect(sources, nvidiaSmi: "no-such-nvidia-smi-" + Guid.NewGuid().ToString("N"));
        stopwatch.Stop();

        Assert.Equal(Environment.MachineName, host[HostName]);
        Assert.Equal("Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz", host[HostCpuModelName]);
        Assert.Equal(16318412L * 1024, host[HostMemoryBytes]);
        Assert.Equal((long)Environment.ProcessorCount, host[HostCpuCount]);
        Assert.NotNull(host[HostArch]);
        Assert.NotNull(host[OsDescription]);
        Assert.Null(host[GpuModel]);
        Assert.Null(host[GpuCount]);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Detect_NoProcFiles_FallsBackToGcMemory()
    {
        var host = HostDetector.Detect(EnvironmentSources.From(null), nvidiaSmi: "no-such-nvidia-smi");

        Assert.True((long)host[HostMemoryBytes]! > 0);
        Assert.Null(host[HostCpuModelName]);
    }
}
