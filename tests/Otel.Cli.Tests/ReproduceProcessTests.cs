using System.Globalization;
using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// <c>reproduce</c> on runs recorded by real processes: the demo started as the README says (through the app host,
/// as <c>dotnet run</c> does) or as <c>dotnet otel-track.dll</c>, checked and re-run while <c>serve</c> holds its data
/// directory; and a command whose arguments hold backslashes, quotes and spaces, re-run with the same arguments.
/// </summary>
public sealed class ReproduceProcessTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DemoRun_UntouchedAndServed_CheckPasses_AndRerunSendsToTheRunningCollector(bool viaAppHost)
    {
        using var temp = new TempDirectory();
        var demo = await CliProcess.RunStartedAsync(CliProcess.StartInfo(temp.Path, viaAppHost, "demo", "--epochs", "5"));
        Assert.True(demo.ExitCode == 0, demo.ToString());

        // As the demo's next steps say: serve what it recorded, from the same directory.
        await using var serve = await ServeProcess.StartAsync(temp.Combine("otel-track-data"));
        var list = await CliProcess.RunAsync(temp.Path, "runs", "list", "--experiment", "demo-logistic-regression", "--json", "--endpoint", serve.Endpoint);
        Assert.True(list.ExitCode == 0, list.ToString());
        var runId = JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray()
            .First(r => r.GetProperty("params").TryGetProperty("learning_rate", out _)).GetProperty("id").GetString()!;

        var check = await CliProcess.RunAsync(temp.Path, "reproduce", runId, "--check", "--json", "--endpoint", serve.Endpoint);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.True(JsonDocument.Parse(check.Stdout).RootElement.GetProperty("ok").GetBoolean(), check.ToString());

        var rerun = await CliProcess.RunAsync(temp.Path, "reproduce", runId, "--run", "--force", "--json", "--endpoint", serve.Endpoint);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        var result = JsonDocument.Parse(rerun.Stdout).RootElement;
        Assert.Equal(runId, result.GetProperty("original").GetString());
        Assert.NotEqual(runId, result.GetProperty("reproduction").GetString());
        Assert.True(result.GetProperty("withinTolerance").GetBoolean(), rerun.ToString());
    }

    [Fact]
    public async Task RecordedArguments_WithBackslashesQuotesAndSpaces_AreRerunVerbatim()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        var experiment = "args-" + Guid.NewGuid().ToString("N");
        string[] tricky = [@"C:\data\x.csv", "it's", "two words", "\"quoted\"", @"trailing\"];

        var original = await TestProgramProcess.RunAsync(temp.Path, temp.Combine("cache"), serve.Endpoint, "http/protobuf", [experiment, "10", .. tricky]);
        Assert.True(original.ExitCode == 0, original.ToString());
        var runId = original.Stdout.Trim();

        var start = CliProcess.StartInfo(temp.Path, "reproduce", runId, "--run", "--force", "--json", "--endpoint", serve.Endpoint);
        start.Environment["XDG_CACHE_HOME"] = temp.Combine("cache");
        var rerun = await CliProcess.RunStartedAsync(start);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        var copy = JsonDocument.Parse(rerun.Stdout).RootElement.GetProperty("reproduction").GetString()!;

        foreach (var id in new[] { runId, copy })
        {
            var show = await CliProcess.RunAsync(temp.Path, "runs", "show", id, "--json", "--endpoint", serve.Endpoint);
            Assert.True(show.ExitCode == 0, show.ToString());
            var run = JsonDocument.Parse(show.Stdout).RootElement;
            var args = run.GetProperty("params");
            Assert.Equal(tricky, tricky.Select((_, i) => args.GetProperty("arg." + i.ToString(CultureInfo.InvariantCulture)).GetString()));
        }

        var manifest = await CliProcess.RunAsync(temp.Path, "reproduce", runId, "--json", "--endpoint", serve.Endpoint);
        var recorded = JsonDocument.Parse(manifest.Stdout).RootElement.GetProperty("commandArgs").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal(tricky, recorded[^tricky.Length..]);
        Assert.EndsWith("otel-track-test-program.dll", recorded[1], StringComparison.Ordinal);
    }
}
