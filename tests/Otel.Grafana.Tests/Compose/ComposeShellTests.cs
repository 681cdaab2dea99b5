using Otel.Collector.Tests.Infrastructure;

namespace Otel.Grafana.Tests.Compose;

/// <summary>The shell scripts inside docker-compose.yml (loops, healthchecks) after Compose's interpolation, parsed by the shell that runs them.</summary>
public sealed class ComposeShellTests
{
    public static TheoryData<string, string, string> Scripts()
    {
        var scripts = new TheoryData<string, string, string>();
        foreach (var service in ComposeFile.Load().Services.Values)
        {
            if (ComposeService.List(service.Definition, "entrypoint") is ["bash", "-c"])
            {
                scripts.Add(service.Name + " command", "bash", ComposeInterpolation.WithDefaults(service.Command.Single()));
            }

            switch (ComposeService.List(service.Healthcheck!, "test"))
            {
                case ["CMD-SHELL", var script]:
                    scripts.Add(service.Name + " healthcheck", "sh", ComposeInterpolation.WithDefaults(script));
                    break;
                case ["CMD", "bash", "-c", var script]:
                    scripts.Add(service.Name + " healthcheck", "bash", ComposeInterpolation.WithDefaults(script));
                    break;
            }
        }

        return scripts;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task ComposeScript_ParsesInItsShell(string where, string shell, string script)
    {
        using var check = await ChildProcess.RunAsync(ChildProcess.StartInfo(shell, RepositoryFiles.Root, ["-n", "-c", script]), TestTimeouts.Default);
        Assert.True(check.ExitCode == 0, $"{where}: {shell} -n refuses it:\n{check.Output}");
    }

    [Fact]
    public void ComposeScripts_CoverTheLoopsAndShellHealthchecks()
    {
        Assert.Contains(Scripts(), row => row.Data.Item1 == "demo command");
        Assert.Contains(Scripts(), row => row.Data.Item1 == "demo-serve healthcheck");
        Assert.Contains(Scripts(), row => row.Data.Item1 == "collector healthcheck");
    }
}
