using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;
namespace Otel.Cli.Tests;

/// <summary>
/// W&amp;B's <c>resume="must"</c> across real processes: program A starts a run, logs steps 0–4 and ends it KILLED (a
/// preempted job); program B resumes it by id, logs 5 more points with implicit steps and ends it FINISHED. The
/// collector shows one run, FINISHED, with 10 points at steps 0–9 and A's start time.
/// </summary>
public sealed class ResumeProcessTests
{
    private const string Protocol = "http/protobuf";

    [Fact]
    public async Task ResumeRun_KilledRunResumedInAnotherProcess_OneFinishedRunWithAllTenPoints()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        var endpoint = serve.Http.GetLeftPart(UriPartial.Authority);
        var experiment = "resume-" + Guid.NewGuid().ToString("N");

        var first = await TestProgramProcess.RunAsync(temp.Path, temp.Combine("cache"), endpoint, Protocol, "--end-killed", experiment, "5");
        Assert.True(first.ExitCode == 0, first.ToString());
        var runId = first.Stdout.Trim();
        var killed = await ShowUntilAsync(temp, serve, runId, run => Status(run) == "KILLED" && Steps(run).Count == 5, "program A: " + first);

        var second = await TestProgramProcess.RunAsync(temp.Path, temp.Combine("cache"), endpoint, Protocol, "--resume", runId, "5");
        Assert.True(second.ExitCode == 0 && second.Stdout.Trim() == runId, second.ToString());

        var resumed = await ShowUntilAsync(temp, serve, runId, run => Status(run) == "FINISHED" && Steps(run).Count == 10, "program B: " + second);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Steps(resumed));
        Assert.Equal(killed.GetProperty("startTime").GetDateTimeOffset(), resumed.GetProperty("startTime").GetDateTimeOffset());
        Assert.Equal(experiment, resumed.GetProperty("experiment").GetString());
        Assert.Equal("probe", resumed.GetProperty("name").GetString());
        Assert.Equal("0.1", resumed.GetProperty("params").GetProperty("lr").GetString());

        var list = await CliProcess.RunAsync(temp.Path, "runs", "list", "--experiment", experiment, "--json", "--endpoint", serve.Endpoint);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(runId, Assert.Single(JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task ResumeRun_UnknownRun_FailsSayingTheCollectorKnowsNoSuchRun()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        var endpoint = serve.Http.GetLeftPart(UriPartial.Authority);

        var result = await TestProgramProcess.RunAsync(temp.Path, temp.Combine("cache"), endpoint, Protocol, "--resume", "no-such-run-" + Guid.NewGuid().ToString("N"), "1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("knows no such run", result.Stderr, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ShowUntilAsync(TempDirectory temp, ServeProcess serve, string runId, Func<JsonElement, bool> condition, string context)
    {
        var show = await Eventually.UntilAsync(
            () => CliProcess.RunAsync(temp.Path, "runs", "show", runId, "--json", "--endpoint", serve.Endpoint),
            show => show.ExitCode == 0 && condition(JsonDocument.Parse(show.Stdout).RootElement),
            show => $"the run never got there: {show}\n{context}\nserve: {serve.Stderr}",
            TimeSpan.FromSeconds(60));
        return JsonDocument.Parse(show.Stdout).RootElement.Clone();
    }

    private static string? Status(JsonElement run) => run.GetProperty("status").GetString();

    private static List<long> Steps(JsonElement run) =>
        run.GetProperty("history").TryGetProperty("loss", out var loss)
            ? [.. loss.EnumerateArray().Select(p => p.GetProperty("step").GetInt64()).Order()]
            : [];
}
