using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>The real otel-track program: the demo's training CSV gives each run a baseline, which a registered version freezes and <c>models baseline</c> shows.</summary>
public sealed class ModelsBaselineProcessTests
{
    [Fact]
    public async Task ModelsBaseline_VersionOfADemoRun_ShowsEveryColumnAsTableAndJson()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        var demo = await CliProcess.RunAsync(temp.Path, "demo", "--endpoint", serve.Endpoint);
        Assert.True(demo.ExitCode == 0, demo.ToString());
        string? run = null;
        foreach (var id in (await JsonAsync("runs", "list")).EnumerateArray().Select(r => r.GetProperty("id").GetString()!))
        {
            if ((await JsonAsync("artifacts", "list", id)).EnumerateArray().Any(a => a.GetProperty("path").GetString() == "model.json"))
            {
                run = id;
                break;
            }
        }

        Assert.NotNull(run);
        await JsonAsync("models", "register", "churn", "--run", run, "--artifact", "model.json");

        var baseline = await JsonAsync("models", "baseline", "churn", "--version", "1");
        var human = await RunAsync("models", "baseline", "churn", "--version", "1");
        var missing = await RunAsync("models", "baseline", "churn", "--version", "7");
        var noVersion = await RunAsync("models", "baseline", "churn");

        Assert.Equal(("churn", 1L, run), (baseline.GetProperty("name").GetString(), baseline.GetProperty("version").GetInt64(), baseline.GetProperty("runId").GetString()));
        var distributions = baseline.GetProperty("distributions").EnumerateArray().ToList();
        // The training CSV's feature columns (label, the target, is not one), and the outputs the demo logs on validation
        // data (probability, and label as classes, which replaces the target column's profile).
        Assert.Equal(
            ["feature x0", "feature x1", "feature x2", "feature x3", "feature x4", "feature x5", "feature x6", "feature x7", "prediction label", "prediction probability"],
            distributions.Select(d => d.GetProperty("kind").GetString() + " " + d.GetProperty("name").GetString()));
        Assert.All(distributions, d => Assert.Equal(
            d.GetProperty("type").GetString() == "numeric" ? d.GetProperty("bounds").GetArrayLength() + 1 : d.GetProperty("categories").GetArrayLength() + 1,
            d.GetProperty("counts").GetArrayLength()));
        var first = distributions[0].GetProperty("name").GetString()!;
        Assert.True(human.ExitCode == 0 && human.Stdout.Contains(first, StringComparison.Ordinal) && human.Stdout.Contains("numeric", StringComparison.Ordinal), human.ToString());
        Assert.True(missing.ExitCode != 0 && missing.Stderr.Contains("version 7", StringComparison.Ordinal), missing.ToString());
        Assert.Equal(2, noVersion.ExitCode);

        Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(temp.Path, [.. args, "--endpoint", serve.Endpoint]);

        async Task<JsonElement> JsonAsync(params string[] args)
        {
            var result = await RunAsync([.. args, "--json"]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return JsonDocument.Parse(result.Stdout).RootElement.Clone();
        }
    }
}
