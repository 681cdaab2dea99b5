using System.Diagnostics;
using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>A real training process (the slowed-down demo) that is stopped by a signal or vanishes.</summary>
public sealed class TrainingProcessTests
{
    [Fact]
    public async Task TrainingProcess_Sigterm_MarksItsRunsKilled()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        using var training = Process.Start(CliProcess.StartInfo(temp.Path, "demo", "--endpoint", serve.Endpoint, "--epoch-delay-ms", "1000"))!;
        _ = training.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = training.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        await WaitForStatusAsync(temp.Path, serve.Endpoint, runs => runs.Count(r => Status(r) == "RUNNING") == 2);
        Assert.Equal(0, ServeProcess.SendSignal(training.Id, ServeProcess.Sigterm));
        await training.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(CliProcess.Timeout, TestContext.Current.CancellationToken);

        var runs = await WaitForStatusAsync(temp.Path, serve.Endpoint, runs => runs.All(r => Status(r) != "RUNNING"));
        Assert.Equal(2, runs.Count(r => Status(r) == "KILLED"));
        Assert.All(runs, r => Assert.Contains(Status(r), new[] { "KILLED", "FINISHED" }));
    }

    [Fact]
    public async Task TrainingProcess_KilledHard_ItsRunsBecomeLost()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"), "--lost-after", "2");
        using var training = Process.Start(CliProcess.StartInfo(temp.Path, "demo", "--endpoint", serve.Endpoint, "--epoch-delay-ms", "1000"))!;
        _ = training.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = training.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        await WaitForStatusAsync(temp.Path, serve.Endpoint, runs => runs.Count(r => Status(r) == "RUNNING") == 2);
        training.Kill(entireProcessTree: true);
        await training.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(CliProcess.Timeout, TestContext.Current.CancellationToken);

        // No sign of life for 2 s, swept every second: LOST within a few seconds, never RUNNING for ever.
        var runs = await WaitForStatusAsync(temp.Path, serve.Endpoint, runs => runs.All(r => Status(r) != "RUNNING"));
        Assert.Equal(2, runs.Count(r => Status(r) == "LOST"));
    }

    private static string Status(JsonElement run) => run.GetProperty("status").GetString()!;

    /// <summary>Polls `runs list --json` until the condition holds; the observable state is the synchronisation.</summary>
    private static async Task<List<JsonElement>> WaitForStatusAsync(string workingDirectory, string endpoint, Func<List<JsonElement>, bool> condition)
    {
        var last = await Eventually.UntilAsync(
            async () =>
            {
                var list = await CliProcess.RunAsync(workingDirectory, "runs", "list", "--json", "--endpoint", endpoint);
                Assert.True(list.ExitCode == 0, list.ToString());
                return (list.Stdout, Runs: JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().Select(r => r.Clone()).ToList());
            },
            read => read.Runs.Count > 0 && condition(read.Runs),
            read => "runs never reached the expected state: " + read.Stdout,
            TimeSpan.FromSeconds(60));
        return last.Runs;
    }
}
