using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// <c>otel-track bench ingest --json</c> as a smoke test: a real child collector, real OTLP over gRPC and HTTP,
/// the raw insert, and one JSON object with the contract's fields. No speed is asserted here (docs/benchmarks.md).
/// </summary>
public sealed class BenchIngestProcessTests
{
    private static readonly string[] PositiveFields = ["pointsPerSecond", "rawInsertPointsPerSecond", "ratio", "freshnessP50Ms", "freshnessP95Ms", "peakRssBytes"];

    [Theory]
    [InlineData("batched")]
    [InlineData("single")]
    public async Task BenchIngest_Json_HasTheContractFieldsAsPositiveNumbers(string form)
    {
        using var temp = new TempDirectory();
        var result = await CliProcess.RunAsync(temp.Path, "bench", "ingest", "--points", "20000", "--form", form, "--json", "--work-dir", temp.Combine("work"));
        Assert.True(result.ExitCode == 0, result.ToString());

        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        foreach (var field in PositiveFields)
        {
            Assert.True(root.TryGetProperty(field, out var value), $"bench ingest --json lacks '{field}': {result.Stdout}");
            Assert.Equal(JsonValueKind.Number, value.ValueKind);
            Assert.True(value.GetDouble() > 0, $"'{field}' is not positive: {result.Stdout}");
        }

        var ratio = root.GetProperty("ratio").GetDouble();
        var quotient = root.GetProperty("pointsPerSecond").GetDouble() / root.GetProperty("rawInsertPointsPerSecond").GetDouble();
        Assert.Equal(quotient, ratio, 1e-9);
        Assert.Equal(form, root.GetProperty("form").GetString());
        Assert.Equal(20000, root.GetProperty("acceptedPoints").GetInt64());
        Assert.Equal(20000, root.GetProperty("rawInsertRows").GetInt64());
    }

    [Fact]
    public async Task BenchIngest_MarkersZero_MeasuresThroughputWithoutTheFreshnessProbe()
    {
        using var temp = new TempDirectory();
        var result = await CliProcess.RunAsync(temp.Path, "bench", "ingest", "--points", "20000", "--markers", "0", "--json", "--work-dir", temp.Combine("work"));
        Assert.True(result.ExitCode == 0, result.ToString());

        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("pointsPerSecond").GetDouble() > 0, result.Stdout);
        Assert.Equal(20000, root.GetProperty("acceptedPoints").GetInt64());
        Assert.Equal("off", root.GetProperty("freshnessBasis").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("freshnessP50Ms").ValueKind);
        Assert.Equal(0, root.GetProperty("freshnessSamplesUnderLoad").GetInt32() + root.GetProperty("freshnessSamplesIdle").GetInt32());
    }

    [Fact]
    public async Task BenchIngest_NegativeMarkers_IsAUsageErrorNamingTheFlag()
    {
        using var temp = new TempDirectory();
        var result = await CliProcess.RunAsync(temp.Path, "bench", "ingest", "--markers", "-1", "--work-dir", temp.Combine("work"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--markers", result.Stderr, StringComparison.Ordinal);
    }
}
