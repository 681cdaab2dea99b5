using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>The real demo against a real serve process: its ML.NET run, autologged, read back through the CLI.</summary>
public sealed class DemoMlNetProcessTests
{
    [Fact]
    public async Task Demo_MlNetRun_HasPipelineParamsPerTreeCurveValidationMetricsAndModelArtifact()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        var demo = await CliProcess.RunAsync(temp.Path, "demo", "--endpoint", serve.Endpoint);
        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("otel-track runs list --experiment demo-mlnet", demo.Stdout, StringComparison.Ordinal);

        var list = await CliProcess.RunAsync(temp.Path, "runs", "list", "--experiment", "demo-mlnet", "--json", "--endpoint", serve.Endpoint);
        Assert.True(list.ExitCode == 0, list.ToString());
        var run = Assert.Single(JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray());
        var id = run.GetProperty("id").GetString()!;
        var show = await CliProcess.RunAsync(temp.Path, "runs", "show", id, "--json", "--endpoint", serve.Endpoint);
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
}
