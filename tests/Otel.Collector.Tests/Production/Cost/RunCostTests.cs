using System.Net;
using System.Text.Json;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Registry;
using Otel.Tracking.Query;
using OpenTelemetry.Proto.Common.V1;

using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Production.Cost;

/// <summary>
/// Cost per run end to end: runs with resource attributes over OTLP into a collector with a price file, then the run's
/// detail, the runs list, the stats (M7) and the rows the run-cost job keeps for dashboards. Every run lasts 60 s.
/// </summary>
public sealed class RunCostTests
{
    private const string Experiment = "cost-exp";

    private const string Prices = """
        currency: USD
        instances:
          - type: m5.xlarge
            provider: aws
            hourly: 0.192
          - type: g5.12xlarge
            hourly: 1.5
        gpus:
          - model: NVIDIA A10G
            hourly: 0.75
        """;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cost_PricedGpuAndUnpricedRuns_ShownInDetailListAndStats()
    {
        var file = PriceFilePath("cost_runs");
        await File.WriteAllTextAsync(file, Prices, Cancellation);
        await using var collector = await RegistryCollector.StartAsync("cost_runs", waitForLease: false, configure: o => o.Cost.PricesFile = file);
        var (cpu, gpu, unpriced) = await SeedRunsAsync(collector);

        var cpuCost = (await RunAsync(collector, cpu)).Cost!;
        var gpuCost = (await RunAsync(collector, gpu)).Cost!;
        var unpricedCost = (await RunAsync(collector, unpriced)).Cost!;
        var (_, list) = await collector.SendAsync(HttpMethod.Get, $"api/runs?experiment={Experiment}&cost=true");
        var (_, plainList) = await collector.SendAsync(HttpMethod.Get, $"api/runs?experiment={Experiment}");
        var (_, stats) = await collector.SendAsync(HttpMethod.Get, $"api/stats?experiment={Experiment}");

        // By hand: 0.192 USD/h for 1/60 h; (1.5 + 4 x 0.75) USD/h for 1/60 h.
        Assert.Equal(0.192 / 60, cpuCost.Amount!.Value, 12);
        Assert.Equal((0.192, "USD"), (cpuCost.HourlyPrice, cpuCost.Currency));
        Assert.Equal(4.5 / 60, gpuCost.Amount!.Value, 12);
        Assert.Null(unpricedCost.Amount);
        Assert.Equal("no price for host.type 'x9.huge', cloud.provider 'aws'", unpricedCost.Reason);
        Assert.All(list.EnumerateArray(), run => Assert.True(run.TryGetProperty("cost", out _)));
        Assert.All(plainList.EnumerateArray(), run => Assert.False(run.TryGetProperty("cost", out _)));
        var perRun = stats.GetProperty("costPerRun");
        Assert.Equal(("USD", 2, 1), (perRun.GetProperty("currency").GetString(), perRun.GetProperty("pricedRuns").GetInt64(), perRun.GetProperty("unpricedRuns").GetInt64()));
        Assert.Equal((0.192 + 4.5) / 60, perRun.GetProperty("total").GetDouble(), 12);
        Assert.Equal((0.192 + 4.5) / 120, perRun.GetProperty("mean").GetDouble(), 12);
        Assert.Equal((0.192 + 4.5) / 120, perRun.GetProperty("median").GetDouble(), 12);
    }

    [Fact]
    public async Task Cost_NoPriceFile_NullWithTheReasonNeverZero()
    {
        await using var collector = await RegistryCollector.StartAsync("cost_no_prices", waitForLease: false);
        var (cpu, _, _) = await SeedRunsAsync(collector);

        var cost = (await RunAsync(collector, cpu)).Cost!;
        var (_, stats) = await collector.SendAsync(HttpMethod.Get, $"api/stats?experiment={Experiment}");

        Assert.Equal((null, "the collector has no price file (serve --prices FILE)"), (cost.Amount, cost.Reason));
        Assert.Equal(JsonValueKind.Null, stats.GetProperty("costPerRun").GetProperty("currency").ValueKind);
        Assert.Equal(3, stats.GetProperty("costPerRun").GetProperty("unpricedRuns").GetInt64());
    }

    [Fact]
    public async Task CostJob_PriceFileChanges_RecomputesEveryRunOnceKeyedByRun()
    {
        var file = PriceFilePath("cost_job");
        await File.WriteAllTextAsync(file, Prices, Cancellation);
        await using var collector = await RegistryCollector.StartAsync("cost_job", waitForLease: false, configure: o =>
        {
            o.Cost.PricesFile = file;
            o.Cost.Interval = TimeSpan.FromMilliseconds(100);
        });
        var (cpu, _, unpriced) = await SeedRunsAsync(collector);
        await Eventually.UntilAsync(async () => (await StoredAsync(collector)).Count == 3, "the run-cost job stored no cost for the three runs", TestTimeouts.Default);

        await File.WriteAllTextAsync(file, Prices.Replace("0.192", "0.384", StringComparison.Ordinal), Cancellation);
        var stored = await Eventually.UntilAsync(
            () => StoredAsync(collector),
            rows => rows.TryGetValue(cpu, out var row) && row.Cost == 0.384 / 60,
            rows => $"costs stored: {string.Join(", ", rows.Select(r => $"{r.Key}={r.Value.Cost}"))}",
            TestTimeouts.Default);

        Assert.Equal(3, stored.Count);
        Assert.Single(stored.Values.Select(r => r.Digest).Distinct());
        Assert.Equal((null, "no price for host.type 'x9.huge', cloud.provider 'aws'"), (stored[unpriced].Cost, stored[unpriced].Reason));
    }

    private static string PriceFilePath(string name)
    {
        var directory = Path.Combine(TestDataDirectory.Path, "prices");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"{name}-{Guid.NewGuid():N}.yaml");
    }

    /// <summary>Three finished runs of 60 s: on a priced CPU instance, on a GPU instance with 4 priced GPUs, on an unpriced instance type.</summary>
    private static async Task<(string Cpu, string Gpu, string Unpriced)> SeedRunsAsync(RegistryCollector collector)
    {
        var cpu = await SeedRunAsync(collector, Attr("host.type", "m5.xlarge"), Attr("cloud.provider", "aws"), Attr("cloud.region", "us-east-1"));
        var gpu = await SeedRunAsync(collector, Attr("host.type", "g5.12xlarge"), Attr("ml.gpu.model", "NVIDIA A10G"), Attr("ml.gpu.count", 4L));
        var unpriced = await SeedRunAsync(collector, Attr("host.type", "x9.huge"), Attr("cloud.provider", "aws"));
        return (cpu, gpu, unpriced);
    }

    private static async Task<string> SeedRunAsync(RegistryCollector collector, params KeyValue[] resources)
    {
        var runId = Guid.NewGuid().ToString("N");
        await SendAsync(collector.Api, Request([Attr("service.name", "trainer"), .. resources],
            RunSpan("ml.run.start", runId, Experiment, "train"), RunSpan("ml.run", runId, Experiment, "train")), Cancellation);
        await Eventually.UntilAsync(async () => (await collector.SendAsync(HttpMethod.Get, $"api/runs/{runId}")).Status == HttpStatusCode.OK
            && (await RunAsync(collector, runId)).Status == "FINISHED", $"run {runId} was not stored as FINISHED", TestTimeouts.Default);
        return runId;
    }

    private static async Task<RunDetail> RunAsync(RegistryCollector collector, string runId)
    {
        var (status, body) = await collector.SendAsync(HttpMethod.Get, $"api/runs/{runId}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body.Deserialize<RunDetail>(QueryJson.Options)!;
    }

    private static async Task<Dictionary<string, (double? Cost, string Reason, string Digest)>> StoredAsync(RegistryCollector collector)
    {
        var rows = JsonRows.Parse(await collector.Store.QueryAsync(
            "SELECT RunId, Cost, Reason, PricesDigest FROM ml_run_costs FINAL WHERE Experiment = {experiment:String}", "JSONEachRow",
            new Otel.Collector.ClickHouse.QueryParameters().Add("experiment", Experiment), Cancellation).WaitAsync(TestTimeouts.Default, Cancellation));
        return rows.ToDictionary(
            r => r.String("RunId"),
            r => (r.GetProperty("Cost").ValueKind == JsonValueKind.Null ? (double?)null : r.Double("Cost"), r.String("Reason"), r.String("PricesDigest")));
    }
}
