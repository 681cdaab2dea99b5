using System.Net;
using System.Text.Json;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Registry;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Production;

using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Production.Cost;

/// <summary>
/// Serving cost per 1,000 predictions in the deployments answer: serving instances export their request histograms
/// over OTLP with the resources they run on; instance-hours come from the minutes each reported.
/// </summary>
public sealed class ServingCostTests
{
    private const string Prices = """
        currency: EUR
        instances:
          - type: m5.xlarge
            provider: aws
            hourly: 0.192
        """;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deployments_PricedInstances_CostPer1000PredictionsFromTheirReportedMinutes()
    {
        var directory = Path.Combine(TestDataDirectory.Path, "prices");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"serving-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, Prices, Cancellation);
        await using var collector = await RegistryCollector.StartAsync("serving_cost", waitForLease: false, configure: o => o.Cost.PricesFile = file);
        var now = TimeProvider.System.GetUtcNow();
        var first = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(-12).AddSeconds(30);

        // scorer-a: two instances reporting 100 requests every minute for 10 minutes.
        foreach (var instance in new[] { "i-1", "i-2" })
        {
            for (var minute = 0; minute < 10; minute++)
            {
                await SendAsync(collector, "scorer-a", instance, "m5.xlarge", first.AddMinutes(minute), 100);
            }
        }

        // scorer-g: one instance silent for 10 minutes between two reports of 50: the gap counts 5 minutes, not 10.
        await SendAsync(collector, "scorer-g", "i-3", "m5.xlarge", first, 50);
        await SendAsync(collector, "scorer-g", "i-3", "m5.xlarge", first.AddMinutes(10), 50);

        // scorer-x: an instance type the file does not price.
        await SendAsync(collector, "scorer-x", "i-4", "x9.huge", first, 10);

        var deployments = await Eventually.UntilAsync(
            () => DeploymentsAsync(collector),
            list => list.Count == 3 && list.All(d => d.ServingCost is not null)
                && list.Single(d => d.Service == "scorer-a").ServingCost!.Predictions == 2000 && list.Single(d => d.Service == "scorer-g").ServingCost!.Predictions == 100,
            list => $"serving costs so far: {string.Join(", ", list.Select(d => $"{d.Service}: {d.ServingCost?.Predictions} predictions"))}",
            TestTimeouts.Default);

        // By hand: scorer-a 2 instances x 10 minutes = 1/3 h x 0.192 = 0.064 EUR for 2,000 predictions.
        var a = deployments.Single(d => d.Service == "scorer-a").ServingCost!;
        Assert.Equal(20.0 / 60, a.InstanceHours, 12);
        Assert.Equal("EUR", a.Currency);
        Assert.Equal(0.064, a.Cost!.Value, 12);
        Assert.Equal(0.032, a.CostPer1000Predictions!.Value, 12);

        // scorer-g: 5 + 1 minutes = 0.1 h x 0.192 = 0.0192 EUR for 100 predictions.
        var g = deployments.Single(d => d.Service == "scorer-g").ServingCost!;
        Assert.Equal(0.1, g.InstanceHours, 12);
        Assert.Equal(0.192, g.CostPer1000Predictions!.Value, 12);

        var x = deployments.Single(d => d.Service == "scorer-x").ServingCost!;
        Assert.Null(x.CostPer1000Predictions);
        Assert.Equal("an instance cannot be priced: no price for host.type 'x9.huge', cloud.provider 'aws'", x.Reason);
    }

    private static Task SendAsync(RegistryCollector collector, string service, string instance, string hostType, DateTimeOffset at, ulong requests) =>
        ServingRequests.SendAsync(collector.Api, ServingRequests.Export(
            ServingRequests.Resource(service, "fraud", "3", null, "production",
                Attr("service.instance.id", instance), Attr("host.type", hostType), Attr("cloud.provider", "aws")),
            at, requests), Cancellation);

    private static async Task<List<ProductionDeployment>> DeploymentsAsync(RegistryCollector collector)
    {
        var (status, body) = await collector.SendAsync(HttpMethod.Get, "api/production/deployments?model=fraud&window=1h");
        Assert.Equal(HttpStatusCode.OK, status);
        return body.Deserialize<List<ProductionDeployment>>(QueryJson.Options)!;
    }
}
