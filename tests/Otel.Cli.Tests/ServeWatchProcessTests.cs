using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// serve must not watch the directory it was started in: ASP.NET's default reload-on-change put a recursive inotify
/// watch on the working directory (the data directory included, one more watch per ClickHouse part), which costs a
/// thread under load and, started from a large home directory, runs into the kernel's watch limit.
/// </summary>
public sealed class ServeWatchProcessTests
{
    [Fact]
    public async Task Serve_AfterRecordingRuns_HoldsNoInotifyWatches()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "reads inotify watches from /proc");
        using var temp = new TempDirectory();
        for (var i = 0; i < 20; i++)
        {
            Directory.CreateDirectory(temp.Combine($"project/src/{i}"));
        }

        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        var demo = await CliProcess.RunAsync(temp.Path, "demo", "--endpoint", serve.Endpoint);
        Assert.True(demo.ExitCode == 0, demo.ToString());

        Assert.Equal(0, InotifyWatches(serve.Pid));
    }

    private static int InotifyWatches(int pid)
    {
        var watches = 0;
        foreach (var fd in Directory.EnumerateFiles($"/proc/{pid}/fd"))
        {
            var target = new FileInfo(fd).LinkTarget;
            if (target is not null && target.Contains("inotify", StringComparison.Ordinal))
            {
                watches += File.ReadLines($"/proc/{pid}/fdinfo/{Path.GetFileName(fd)}").Count(l => l.StartsWith("inotify wd:", StringComparison.Ordinal));
            }
        }

        return watches;
    }
}
