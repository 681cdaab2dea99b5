using System.Text.Json;

namespace Otel.Collector.Tests.Production.Drift;

/// <summary><c>otel-track drift report</c> as a real process against the seeded collector (<see cref="DriftScenario"/>).</summary>
[Collection(SharedDriftScenario.Name)]
public sealed class DriftReportProcessTests(DriftScenario scenario)
{
    private static readonly string[] ContractFields = ["feature", "kind", "psi", "js", "ks", "count", "baselineCount", "status"];

    private string Endpoint => scenario.Rig.Collector.Host.HttpEndpoint.ToString();

    [Fact]
    public async Task DriftReport_Json_PrintsTheContractArray()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync("drift", "report", "churn", "--version", "1", "--window", "15m", "--json", "--endpoint", Endpoint);

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
        var (exit, stdout, stderr) = await CliProcess.RunAsync("drift", "report", "churn", "--endpoint", Endpoint);

        Assert.True(exit == 0, stderr);
        Assert.Contains("churn version 1 (the version that served the most predictions in the window", stdout, StringComparison.Ordinal);
        Assert.Contains("drift", stdout, StringComparison.Ordinal);
        Assert.Contains("income: 300 measurements were binned on other bounds", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DriftReport_VersionWithoutBaseline_ExitsNotFoundSayingWhatToDo()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync("drift", "report", "churn", "--version", "3", "--endpoint", Endpoint);

        Assert.Equal(4, exit);
        Assert.Empty(stdout);
        Assert.Contains("has no baseline", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadDriftFlags_ExitsWithUsageNamingEachFlag()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync("serve", "--grpc-port", "0", "--http-port", "0", "--drift-psi", "0.05", "--drift-min-count", "0");

        Assert.Equal(2, exit);
        Assert.Contains("--drift-psi 0.05 must be a number at least the warn threshold 0.1", stderr, StringComparison.Ordinal);
        Assert.Contains("--drift-min-count 0 must be 1 or more", stderr, StringComparison.Ordinal);
    }
}
