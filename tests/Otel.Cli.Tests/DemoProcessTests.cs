using System.Text.Json;
using System.Diagnostics;
using Otel.Cli.Tests.Infrastructure;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// The real demo against a real serve process, read back through the CLI: its ML.NET run, autologged, and the README's
/// "Daily use" commands pasted as a newcomer would, against the demo's runs.
/// </summary>
public sealed class DemoProcessTests(DemoStore demo) : IClassFixture<DemoStore>
{
    [Fact]
    public async Task Demo_MlNetRun_HasPipelineParamsPerTreeCurveValidationMetricsAndModelArtifact()
    {
        Assert.Contains("otel-track runs list --experiment demo-mlnet", demo.DemoOutput, StringComparison.Ordinal);
        var list = await CliProcess.RunAsync(demo.Directory, "runs", "list", "--experiment", "demo-mlnet", "--json", "--endpoint", demo.Endpoint);
        Assert.True(list.ExitCode == 0, list.ToString());
        var run = Assert.Single(JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray());
        var id = run.GetProperty("id").GetString()!;
        var show = await CliProcess.RunAsync(demo.Directory, "runs", "show", id, "--json", "--endpoint", demo.Endpoint);
        Assert.True(show.ExitCode == 0, show.ToString());
        var detail = JsonDocument.Parse(show.Stdout).RootElement;

        var parameters = detail.GetProperty("params");
        Assert.Equal("NormalizingEstimator", parameters.GetProperty("pipeline.0").GetString());
        Assert.Equal("FastTreeBinaryTrainer", parameters.GetProperty("trainer").GetString());
        Assert.Equal("20", parameters.GetProperty("trainer.NumberOfTrees").GetString());
        var errorRate = detail.GetProperty("history").GetProperty("train.error_rate").EnumerateArray().Select(p => p.GetProperty("step").GetInt64());
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), errorRate);
        Assert.InRange(detail.GetProperty("metrics").GetProperty("val.auc").GetDouble(), 0.8, 1.0);
        var model = Assert.Single(detail.GetProperty("artifacts").EnumerateArray(), a => a.GetProperty("path").GetString() == "model.zip");
        Assert.Equal("model", model.GetProperty("kind").GetString());
        Assert.StartsWith("otel-track://artifacts/sha256/", model.GetProperty("uri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DailyUse_ReadmeCommands_RunVerbatimAgainstTheDemo_AndFindRuns()
    {
        var commands = ReadmeBlocks.Commands(RepositoryFiles.Read("README.md"), "## Daily use: find, sort, watch and report runs");
        // The README's two example ids stand for any run's prefix: here, the demo's two best runs.
        var best = JsonDocument.Parse((await SucceedAsync("leaderboard", "demo-logistic-regression", "--metric", "val_accuracy", "--json")).Stdout)
            .RootElement.EnumerateArray().Select(e => e.GetProperty("runId").GetString()![..6]).Take(2).ToList();
        Assert.Equal(2, best.Count);
        foreach (var command in commands)
        {
            var pasted = command.Replace("4c99bf", best[0], StringComparison.Ordinal).Replace("9d2e71", best[1], StringComparison.Ordinal);
            var result = await BashAsync(pasted);
            Assert.True(result.ExitCode == 0, $"{pasted}\n{result}");
            if (pasted.Contains("--filter", StringComparison.Ordinal))
            {
                // The example matches demo runs: a header and at least one row.
                Assert.True(result.Stdout.Trim().Split('\n').Length >= 2, $"{pasted}\n{result}");
            }
        }

        Assert.True(new FileInfo(Path.Combine(demo.Directory, "report.html")).Length > 0);
    }

    private async Task<CliResult> SucceedAsync(params string[] args)
    {
        var result = await CliProcess.RunAsync(demo.Directory, [.. args, "--endpoint", demo.Endpoint]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>Pasted into bash, with <c>otel-track</c> the built program, as if installed on PATH.</summary>
    private async Task<CliResult> BashAsync(string command)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = demo.Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"otel-track() {{ dotnet '{CliProcess.Dll}' \"$@\"; }}\n{command}");
        start.Environment["OTEL_TRACK_ENDPOINT"] = demo.Endpoint;
        start.Environment["NO_COLOR"] = "1";
        return await CliProcess.RunStartedAsync(start);
    }
}
