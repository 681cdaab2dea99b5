using System.Net.Http.Json;
using Otel.Cli.Tests.Infrastructure;
using Otel.Tracking.Query;

namespace Otel.Cli.Tests;

/// <summary>
/// A job that declared its total steps dies (kill -9), is marked LOST, and is resumed by another process that names it by
/// a prefix of its id and declares no total: through all of it, the run's progress keeps the declared total, so
/// <c>runs watch</c> keeps its ETA.
/// </summary>
public sealed class ResumeLostRunProcessTests
{
    private const long TotalSteps = 1_000_000;

    [Fact]
    public async Task KilledHardThenResumedByPrefix_LostThenFinished_TotalStepsKeptThroughout()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"), "--lost-after", "2");
        var endpoint = serve.Http.GetLeftPart(UriPartial.Authority);
        using var api = new HttpClient { BaseAddress = new Uri(endpoint + "/"), Timeout = CliProcess.Timeout };

        var live = await LiveRunProcess.StartAsync(temp.Path, endpoint, TotalSteps);
        var runId = live.RunId;
        await live.DisposeAsync(); // kill -9: the run is never ended
        var lost = await ProgressUntilAsync(api, runId, "LOST", serve);
        Assert.Equal(TotalSteps, lost.TotalSteps);

        var resume = await TestProgramProcess.RunAsync(temp.Path, temp.Combine("cache"), endpoint, "http/protobuf", "--resume", runId[..8], "5");

        Assert.True(resume.ExitCode == 0 && resume.Stdout.Trim() == runId, resume.ToString());
        var finished = await ProgressUntilAsync(api, runId, "FINISHED", serve);
        Assert.Equal(TotalSteps, finished.TotalSteps);
    }

    private static async Task<RunProgress> ProgressUntilAsync(HttpClient api, string runId, string status, ServeProcess serve) =>
        await Eventually.UntilAsync(
            async () => (await api.GetFromJsonAsync<RunProgress>($"api/runs/{runId}/progress", QueryJson.Options))!,
            progress => progress.Status == status,
            progress => $"run {runId} never became {status}: it is {progress.Status}\nserve: {serve.Stderr}",
            TimeSpan.FromSeconds(60));
}
