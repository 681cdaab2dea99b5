using System.Text.Json;
using System.Text.RegularExpressions;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// The real otel-track program against a real collector process, an incident from either side: the demo trained and
/// registered twice (version 2 took over the champion alias from version 1), then <c>demo serve</c> served version 2
/// with errors and a shifted feature. <c>models show</c> and <c>runs show</c> print the Production block with the line
/// to follow to the run, its data and its diff to the previous champion; <c>slo compare</c> sets drift side by side;
/// <c>slo delete</c> deletes an SLO.
/// </summary>
public sealed class ProductionStatusProcessTests
{
    private const string Model = "demo-logistic-regression";

    [Fact]
    public async Task ModelsShowAndRunsShow_ServedVersion_PrintTheProductionBlockAndTheLineToFollow()
    {
        using var temp = new TempDirectory();
        // The drift job every second, so its 15-minute window is computed as soon as a minute ends after the traffic.
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"), "--drift-interval", "1", "--drift-min-count", "50");
        Assert.True((await RunAsync("demo")).ExitCode == 0);
        Assert.True((await RunAsync("demo")).ExitCode == 0);
        var served = await JsonAsync("demo", "serve", "--duration", "6", "--rps", "25", "--error-rate", "0.3", "--drift-after", "3", "--drift-feature", "x2");
        Assert.Equal(2L, served.GetProperty("version").GetInt64());
        var run = served.GetProperty("runId").GetString()!;
        var previousRun = (await JsonAsync("models", "show", Model, "--version", "1")).GetProperty("runId").GetString()!;

        var shown = await Eventually.UntilAsync(
            () => JsonAsync("models", "show", Model, "--version", "2"),
            json => json.GetProperty("production").GetProperty("drift").GetArrayLength() > 0,
            json => "no drift computed yet: " + json.GetProperty("production"),
            CliProcess.Timeout);
        var production = shown.GetProperty("production");
        var model = await JsonAsync("models", "show", Model);
        var runShown = await JsonAsync("runs", "show", run);
        var human = await RunAsync("models", "show", Model, "--version", "2");
        var humanModel = await RunAsync("models", "show", Model);
        var humanRun = await RunAsync("runs", "show", run);
        var notServing = await RunAsync("runs", "show", previousRun);

        Assert.Equal((2L, true), (shown.GetProperty("version").GetInt64(), production.GetProperty("servesTraffic").GetBoolean()));
        Assert.True(production.GetProperty("requests").GetInt64() > 0);
        var availability = Assert.Single(production.GetProperty("slos").EnumerateArray(), s => s.GetProperty("name").GetString() == Model + "-availability");
        Assert.Equal(("page", "2"), (availability.GetProperty("alert").GetString(), availability.GetProperty("version").GetString()));
        var worst = production.GetProperty("drift")[0];
        Assert.Equal(("x2", "drift"), (worst.GetProperty("feature").GetString(), worst.GetProperty("status").GetString()));
        var training = production.GetProperty("training");
        Assert.Equal((run, Model), (training.GetProperty("runId").GetString(), training.GetProperty("experiment").GetString()));
        Assert.Equal((1L, previousRun), (training.GetProperty("previousChampion").GetProperty("version").GetInt64(), training.GetProperty("previousChampion").GetProperty("runId").GetString()));
        var digest = Assert.Single(training.GetProperty("datasets").EnumerateArray(), d => d.GetProperty("context").GetString() == "training").GetProperty("digest").GetString();
        Assert.Equal([2L], model.GetProperty("production").EnumerateArray().Select(p => p.GetProperty("version").GetInt64()));
        Assert.Equal([2L], runShown.GetProperty("production").EnumerateArray().Select(p => p.GetProperty("version").GetInt64()));

        var line = $"training run {run} (experiment {Model}) · data {digest} · diff to previous champion: otel-track runs diff {previousRun} {run}";
        foreach (var result in new[] { human, humanModel, humanRun })
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($"Production of {Model} version 2, last 1h:", result.Stdout, StringComparison.Ordinal);
            // Spectre wraps at 80 columns when output is redirected: compare with whitespace runs as one space.
            Assert.Contains(line, Regex.Replace(result.Stdout, @"\s+", " "), StringComparison.Ordinal);
            Assert.Contains("alert page", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("x2 drift (psi", result.Stdout, StringComparison.Ordinal);
        }

        Assert.True(notServing.ExitCode == 0, notServing.ToString());
        Assert.Contains("Production: no registered version served requests in the last 1h.", notServing.Stdout, StringComparison.Ordinal);

        // The canary comparison: version 1 served nothing, so it has no drift beside version 2's.
        var comparison = await JsonAsync("slo", "compare", Model, "--version", "1", "--version", "2");
        var compareHuman = await RunAsync("slo", "compare", Model, "--version", "1", "--version", "2");
        var x2 = Assert.Single(comparison.GetProperty("drift").EnumerateArray(), d => d.GetProperty("feature").GetString() == "x2");
        Assert.Equal(("feature", JsonValueKind.Null, "drift"), (x2.GetProperty("kind").GetString(), x2.GetProperty("a").ValueKind, x2.GetProperty("b").GetProperty("status").GetString()));
        Assert.True(compareHuman.ExitCode == 0 && compareHuman.Stdout.Contains("drift, the drift job's latest 15m window", StringComparison.Ordinal), compareHuman.ToString());

        var deleted = await JsonAsync("slo", "delete", Model + "-latency");
        var listed = await Eventually.UntilAsync(() => JsonAsync("slo", "list"), list => list.GetArrayLength() == 1, list => list.ToString(), CliProcess.Timeout);
        var again = await RunAsync("slo", "delete", Model + "-latency");
        Assert.Equal(Model + "-latency", deleted.GetProperty("name").GetString());
        Assert.Equal(Model + "-availability", listed[0].GetProperty("name").GetString());
        Assert.True(again.ExitCode == 4 && again.Stderr.Contains($"there is no SLO '{Model}-latency'", StringComparison.Ordinal), again.ToString());

        Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(temp.Path, [.. args, "--endpoint", serve.Endpoint]);

        async Task<JsonElement> JsonAsync(params string[] args)
        {
            var result = await RunAsync([.. args, "--json"]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return JsonDocument.Parse(result.Stdout).RootElement.Clone();
        }
    }
}
