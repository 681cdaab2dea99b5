using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// The real otel-track program: <c>demo serve</c> against a real serve process trains and registers the demo model when
/// there is none, applies its SLOs, hosts a real inference service for its champion, drives load with injected faults
/// and a feature shift that `slo status` and `drift report` then see, and says what it served; a second run serves the
/// existing champion.
/// </summary>
public sealed class DemoServeProcessTests
{
    [Fact]
    public async Task DemoServe_OnAnEmptyStore_TrainsRegistersAndServesTheChampion_WithTheFaultsAsked()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));

        var first = await RunAsync("demo", "serve", "--duration", "6", "--rps", "25", "--error-rate", "0.3", "--slow-rate", "0.2",
            "--drift-after", "3", "--drift-feature", "x2", "--json");
        var again = await RunAsync("demo", "serve", "--duration", "2", "--rps", "10", "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("training the demo first", first.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("training the demo first", again.Stderr, StringComparison.Ordinal);
        var summary = JsonDocument.Parse(first.Stdout).RootElement;
        Assert.Equal(("demo-logistic-regression", 1L), (summary.GetProperty("model").GetString(), summary.GetProperty("version").GetInt64()));
        Assert.Equal(32, summary.GetProperty("runId").GetString()!.Length);
        Assert.Equal(("x2", 3.0), (summary.GetProperty("driftFeature").GetString(), summary.GetProperty("driftAfterSeconds").GetDouble()));
        // 25/s for 6 s, in 100 ms ticks: about 150 requests; 30 % errors and 20 % slow ones, drawn at random.
        var requests = summary.GetProperty("requests").GetInt64();
        Assert.InRange(requests, 100, 160);
        Assert.InRange(summary.GetProperty("errors").GetInt64(), requests / 10, requests * 6 / 10);
        Assert.InRange(summary.GetProperty("slow").GetInt64(), 1, requests / 2);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(again.Stdout).RootElement.GetProperty("driftFeature").ValueKind);

        // The SLOs it applied, burning at 30 % errors (60 times the sustainable rate of 99.5 %): a page.
        var slos = await JsonAsync("slo", "status", "--model", "demo-logistic-regression");
        var availability = slos.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "demo-logistic-regression-availability");
        Assert.Equal("page", availability.GetProperty("alert").GetString());
        Assert.Contains(slos.EnumerateArray(), s => s.GetProperty("name").GetString() == "demo-logistic-regression-latency");

        // x2 moved by two standard deviations halfway through: drift there, and nowhere else.
        var drift = await JsonAsync("drift", "report", "demo-logistic-regression", "--window", "15m", "--min-count", "50");
        var byFeature = drift.EnumerateArray().Where(d => d.GetProperty("kind").GetString() == "feature")
            .ToDictionary(d => d.GetProperty("feature").GetString()!, d => d.GetProperty("status").GetString());
        Assert.Equal("drift", byFeature["x2"]);
        Assert.All(new[] { "x0", "x1", "x3", "x4", "x5", "x6", "x7" }, x => Assert.NotEqual("drift", byFeature[x]));

        Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(temp.Path, [.. args, "--endpoint", serve.Endpoint]);

        async Task<JsonElement> JsonAsync(params string[] args)
        {
            var result = await RunAsync([.. args, "--json"]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return JsonDocument.Parse(result.Stdout).RootElement.Clone();
        }
    }

    [Theory]
    [InlineData("--error-rate 1.5", "--error-rate must be between 0 and 1")]
    [InlineData("--rps 0", "--rps must be more than 0")]
    [InlineData("--drift-after 10", "--drift-after must be at least 0 and less than --duration")]
    public async Task DemoServe_BadFlags_ExitTwoNamingTheFlag_BeforeAnythingRuns(string flags, string says)
    {
        using var temp = new TempDirectory();

        var result = await CliProcess.RunAsync(temp.Path, ["demo", "serve", "--duration", "5", .. flags.Split(' '), "--endpoint", "http://127.0.0.1:9"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(says, result.Stderr, StringComparison.Ordinal);
    }
}
