using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary><c>otel-track drift report</c> as a real process against the seeded collector process (<see cref="DriftReportScenario"/>).</summary>
[Collection(SharedDriftReportScenario.Name)]
public sealed class DriftReportProcessTests(DriftReportScenario scenario)
{
    private static readonly string[] ContractFields = ["feature", "kind", "psi", "js", "ks", "count", "baselineCount", "status"];

    [Fact]
    public async Task DriftReport_Json_PrintsTheContractArray()
    {
        var (exit, stdout, stderr) = await RunAsync("drift", "report", "churn", "--version", "1", "--window", "15m", "--json");

        Assert.True(exit == 0, stderr);
        var results = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(JsonValueKind.Array, results.ValueKind);
        Assert.Equal(4, results.GetArrayLength());
        Assert.All(results.EnumerateArray(), r => Assert.All(ContractFields, field => Assert.True(r.TryGetProperty(field, out _), $"{field} missing in {r}")));
        var byFeature = results.EnumerateArray().ToDictionary(r => r.GetProperty("feature").GetString()!);
        Assert.Equal(("feature", "drift", 2000L, 1000L), (byFeature["age"].GetProperty("kind").GetString(), byFeature["age"].GetProperty("status").GetString(),
            byFeature["age"].GetProperty("count").GetInt64(), byFeature["age"].GetProperty("baselineCount").GetInt64()));
        Assert.Equal(("prediction", "ok"), (byFeature["score"].GetProperty("kind").GetString(), byFeature["score"].GetProperty("status").GetString()));
        Assert.True(byFeature["age"].GetProperty("psi").GetDouble() > 0.25);
    }

    [Fact]
    public async Task DriftReport_Human_SaysWhichVersionWasChosenAndShowsATable()
    {
        var (exit, stdout, stderr) = await RunAsync("drift", "report", "churn");

        Assert.True(exit == 0, stderr);
        Assert.Contains("churn version 1 (the version that served the most predictions in the window", stdout, StringComparison.Ordinal);
        Assert.Contains("drift", stdout, StringComparison.Ordinal);
        Assert.Contains("income: 300 measurements were binned on other bounds", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DriftReport_VersionWithoutBaseline_ExitsNotFoundSayingWhatToDo()
    {
        var (exit, stdout, stderr) = await RunAsync("drift", "report", "churn", "--version", "3");

        Assert.Equal(4, exit);
        Assert.Empty(stdout);
        Assert.Contains("has no baseline", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadDriftFlags_ExitsWithUsageNamingEachFlag()
    {
        var result = await CliProcess.RunAsync(scenario.WorkingDirectory, "serve", "--grpc-port", "0", "--http-port", "0", "--drift-psi", "0.05", "--drift-min-count", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--drift-psi 0.05 must be a number at least the warn threshold 0.1", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--drift-min-count 0 must be 1 or more", result.Stderr, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var result = await CliProcess.RunAsync(scenario.WorkingDirectory, [.. args, "--endpoint", scenario.Serve.Endpoint]);
        return (result.ExitCode, result.Stdout, result.Stderr);
    }
}
