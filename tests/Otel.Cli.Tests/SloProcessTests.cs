using System.Text.Json;
using OpenTelemetry.Proto.Metrics.V1;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// The real otel-track program against a real collector process started with <c>serve --slos</c>: <c>slo status</c>
/// prints exactly the contract's JSON, <c>slo apply|list|compare</c> work, and bad files are refused naming the field.
/// </summary>
public sealed class SloProcessTests
{
    private const string ServeFile = """
        slos:
          - name: scorer-availability
            kind: availability
            model: scorer
            objective: 0.99
            window: 30d
        """;

    private const string ApplyFile = """
        slos:
          - name: scorer-latency
            kind: latency
            model: scorer
            threshold: 0.25
            objective: 0.99
        """;

    private static readonly string[] ContractFields = ["name", "model", "objective", "sli", "errorBudgetRemaining", "burnRates", "alert"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SloCommands_AgainstServeWithSlos_PrintTheContractAndApplyDefinitions()
    {
        using var temp = new TempDirectory();
        var serveFile = temp.Combine("slos.yaml");
        await File.WriteAllTextAsync(serveFile, ServeFile, Cancellation);
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"), "--slos", serveFile);
        using (var http = new HttpClient { BaseAddress = serve.Http })
        {
            // Version 1 healthy for an hour; version 2, the canary, answering 20% errors over its last half hour.
            var end = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 60 * 60);
            await ServingTraffic.SendAsync(http, ServingTraffic.Histogram(ServingTraffic.Serving("scorer-svc", "scorer", "1"),
                [.. ServingTraffic.Repeat(60, new MinuteTraffic(100, 0))], end, AggregationTemporality.Cumulative), "v1/metrics");
            await ServingTraffic.SendAsync(http, ServingTraffic.Histogram(ServingTraffic.Serving("scorer-svc", "scorer", "2"),
                [.. ServingTraffic.Repeat(30, new MinuteTraffic(80, 20))], end, AggregationTemporality.Delta), "v1/metrics");
        }

        var listed = await Eventually.UntilAsync(() => JsonAsync("slo", "list"), list => list.GetArrayLength() == 1, list => list.ToString());
        Assert.Equal("system:slos-file", listed[0].GetProperty("updatedBy").GetString());

        var statuses = await JsonAsync("slo", "status", "--model", "scorer");
        var status = Assert.Single(statuses.EnumerateArray());
        Assert.All(ContractFields, field => Assert.True(status.TryGetProperty(field, out _), $"no {field} in {status}"));
        Assert.Equal(["5m", "30m", "1h", "2h", "6h", "1d", "3d"], status.GetProperty("burnRates").EnumerateObject().Select(p => p.Name));
        Assert.Equal(("scorer-availability", "scorer", 0.99), (status.GetProperty("name").GetString(), status.GetProperty("model").GetString(), status.GetProperty("objective").GetDouble()));
        Assert.Equal(JsonValueKind.Number, status.GetProperty("sli").ValueKind);
        Assert.Contains(status.GetProperty("alert").GetString(), new[] { "page", "ticket", "none" });

        var applyFile = temp.Combine("latency.yaml");
        await File.WriteAllTextAsync(applyFile, ApplyFile, Cancellation);
        var applied = await JsonAsync("slo", "apply", applyFile);
        Assert.Equal(["scorer-latency"], applied.GetProperty("changed").EnumerateArray().Select(n => n.GetString()));
        await Eventually.UntilAsync(() => JsonAsync("slo", "list"), list => list.GetArrayLength() == 2, list => list.ToString());

        var comparison = await JsonAsync("slo", "compare", "scorer", "--version", "1", "--version", "2");
        var availability = Assert.Single(comparison.GetProperty("slos").EnumerateArray(), s => s.GetProperty("name").GetString() == "scorer-availability");
        Assert.Equal(("none", "page"), (availability.GetProperty("a").GetProperty("alert").GetString(), availability.GetProperty("b").GetProperty("alert").GetString()));

        var human = await CliProcess.RunAsync(temp.Path, "slo", "status", "--endpoint", serve.Endpoint);
        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Contains("scorer-availability", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("budget left", human.Stdout, StringComparison.Ordinal);

        var badFile = temp.Combine("bad.yaml");
        await File.WriteAllTextAsync(badFile, "slos:\n  - {name: x, kind: availability, model: scorer, objective: 1.5}\n", Cancellation);
        var refused = await CliProcess.RunAsync(temp.Path, "slo", "apply", badFile, "--endpoint", serve.Endpoint);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("bad.yaml: SLO 'x' (line 2): objective: '1.5' must be a number between 0 and 1", refused.Stderr, StringComparison.Ordinal);

        async Task<JsonElement> JsonAsync(params string[] args)
        {
            var result = await CliProcess.RunAsync(temp.Path, [.. args, "--json", "--endpoint", serve.Endpoint]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return JsonDocument.Parse(result.Stdout).RootElement.Clone();
        }
    }

    [Fact]
    public async Task Serve_InvalidSloFile_RefusesToStartNamingTheField()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("slos.yaml");
        await File.WriteAllTextAsync(file, "slos:\n  - {name: slow, kind: latency, model: m, objective: 0.99}\n", Cancellation);

        var result = await CliProcess.RunAsync(temp.Path, "serve", "--data", temp.Combine("data"), "--grpc-port", "0", "--http-port", "0", "--slos", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("SLO 'slow' (line 2): threshold: missing; a latency SLO needs a threshold in seconds", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchSlo_Small_SeedsAppliesAndTimesSloStatus()
    {
        using var temp = new TempDirectory();

        var result = await CliProcess.RunAsync(temp.Path, "bench", "slo", "--models", "2", "--hours", "1", "--iterations", "1", "--data", temp.Combine("data"), "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal((2, 4, 240L), (json.GetProperty("models").GetInt32(), json.GetProperty("slos").GetInt32(), json.GetProperty("histogramRows").GetInt64()));
        Assert.True(json.GetProperty("statusAll").GetProperty("p50Ms").GetDouble() > 0);
        Assert.True(json.GetProperty("statusAllStored").GetProperty("p50Ms").GetDouble() > 0);
        Assert.True(json.GetProperty("incrementsJobRuns").GetInt32() >= 1);
    }

    [Fact]
    public async Task Serve_SloIntervalOutOfRange_RefusesToStartNamingTheFlag()
    {
        using var temp = new TempDirectory();

        var result = await CliProcess.RunAsync(temp.Path, "serve", "--data", temp.Combine("data"), "--grpc-port", "0", "--http-port", "0", "--slo-interval", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--slo-interval 0 s is out of range: give seconds between 1 and 3600", result.Stderr, StringComparison.Ordinal);
    }
}
