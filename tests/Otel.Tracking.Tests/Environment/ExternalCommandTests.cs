using System.Diagnostics;
using Otel.Tracking.EnvironmentCapture;
using static Otel.Tracking.MlSemanticConventions;

namespace Otel.Tracking.Tests.EnvironmentCapture;

/// <summary>Helper programs through stand-in shell scripts: a fake nvidia-smi, and one that hangs.</summary>
public sealed class ExternalCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "otel-cmd-" + Guid.NewGuid().ToString("N"));

    public ExternalCommandTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public void FakeNvidiaSmi_TwoGpus_GivesModelDriverAndCount()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "uses a POSIX shell script");
        var smi = Script("nvidia-smi", "printf 'NVIDIA H100 80GB HBM3, 550.54.15\\nNVIDIA H100 80GB HBM3, 550.54.15\\n'");

        var host = HostDetector.Detect(EnvironmentSources.From(null), nvidiaSmi: smi);

        Assert.Equal("NVIDIA H100 80GB HBM3", host[GpuModel]);
        Assert.Equal("550.54.15", host[GpuDriver]);
        Assert.Equal(2L, host[GpuCount]);
    }

    [Fact]
    public void Run_HangingProgram_IsKilledAtTheDeadline()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "uses a POSIX shell script");
        var hang = Script("hang", "sleep 30");

        var stopwatch = Stopwatch.StartNew();
        var output = ExternalCommand.Run(hang, [], _directory, TimeSpan.FromMilliseconds(300));

        Assert.Null(output);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Run_FailingProgram_GivesNull()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "uses a POSIX shell script");

        Assert.Null(ExternalCommand.Run(Script("fail", "echo oops >&2; exit 3"), [], _directory, TimeSpan.FromSeconds(5)));
        Assert.Null(ExternalCommand.Find("no-such-program-" + Guid.NewGuid().ToString("N")));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Script(string name, string body)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
