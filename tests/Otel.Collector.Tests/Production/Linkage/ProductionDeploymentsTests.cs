using System.Net;
using System.Text.Json;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Registry;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Production;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Tests.Production.Linkage;

/// <summary>
/// Deployments from serving telemetry and the production linkage rate (M8), end to end: runs and versions in the
/// registry, request histograms of four serving services over OTLP into a real collector, then the API.
/// </summary>
public sealed class ProductionDeploymentsTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deployments_ServicesServingRegisteredUnregisteredAndRunlessVersions_AreFlaggedAndJoinedToRecordedDeployments()
    {
        await using var collector = await RegistryCollector.StartAsync("linkage_deployments");
        var scenario = await SeedAsync(collector);

        var deployments = await Eventually.UntilAsync(
            () => DeploymentsAsync(collector, "api/production/deployments?model=churn"),
            // scorer-a and scorer-d serve v1 in production, where the registry recorded it; v2 was recorded in staging.
            list => list.Count(d => d.Service is not null) == 4 && list.Count(d => d.RecordedAt is not null) == 3,
            list => $"deployments seen so far: {string.Join(", ", list.Select(d => d.Service))}",
            TestTimeouts.Default);

        var byService = deployments.Where(d => d.Service is not null).ToDictionary(d => d.Service!);
        Assert.Empty(byService["scorer-a"].Flags);
        Assert.Equal((true, scenario.RunId, true, "production"), (byService["scorer-a"].Registered, byService["scorer-a"].RunId, byService["scorer-a"].RunKnown, byService["scorer-a"].Environment));
        Assert.Equal([scenario.RunId], byService["scorer-a"].StampedRunIds);
        Assert.NotNull(byService["scorer-a"].RecordedAt);
        Assert.Equal([DeploymentFlags.RunUnknown], byService["scorer-b"].Flags);
        Assert.Equal([DeploymentFlags.VersionNotRegistered], byService["scorer-c"].Flags);
        Assert.Equal([DeploymentFlags.RunIdMismatch], byService["scorer-d"].Flags);
        Assert.All(byService.Values, d => Assert.True(d.FirstSeen <= d.LastSeen && d.LastSeen > scenario.Now.AddMinutes(-10)));
        var recordedOnly = Assert.Single(deployments, d => d.Service is null);
        Assert.Equal(("2", "staging"), (recordedOnly.Version, recordedOnly.Environment));
        Assert.Equal([DeploymentFlags.NotSeen, DeploymentFlags.RunUnknown], recordedOnly.Flags);
    }

    [Fact]
    public async Task Stats_ModelServingRequests_ReportTheShareServedByARegisteredVersionWithARun()
    {
        await using var collector = await RegistryCollector.StartAsync("linkage_m8");
        await SeedAsync(collector);

        // By hand: scorer-a (v1, its run) 60 and scorer-d (v1, another stamped run) 20 are linked; scorer-b (v2, run
        // unknown) 30 and scorer-c (v7, not registered) 10 are not; the service without ml.model.name does not count.
        var stats = await Eventually.UntilAsync(
            () => StatsAsync(collector),
            s => s.ProductionLinkage?.Requests == 120,
            s => $"model-serving requests so far: {s.ProductionLinkage?.Requests}",
            TestTimeouts.Default);

        Assert.Equal(80, stats.ProductionLinkage!.LinkedRequests);
        Assert.Equal(80.0 / 120, stats.ProductionLinkageRate!.Value, 12);
        Assert.Equal("24h", stats.ProductionLinkage.Window);
        Assert.Equal(TimeSpan.FromHours(24), stats.ProductionLinkage.To - stats.ProductionLinkage.From);
    }

    [Fact]
    public async Task Stats_NoModelServingRequests_LinkageRateIsNull()
    {
        await using var collector = await RegistryCollector.StartAsync("linkage_m8_none");

        var stats = await StatsAsync(collector);

        Assert.Null(stats.ProductionLinkageRate);
        Assert.Equal(0, stats.ProductionLinkage!.Requests);
    }

    [Fact]
    public async Task Deployments_BadWindow_Answers400NamingIt()
    {
        await using var collector = await RegistryCollector.StartAsync("linkage_bad_window");

        var (status, body) = await collector.SendAsync(HttpMethod.Get, "api/production/deployments?window=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("window 'yesterday'", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    internal sealed record Scenario(string RunId, DateTimeOffset Now);

    /// <summary>
    /// churn v1 from a stored run (deployed to production by the registry), churn v2 whose run is not stored (recorded
    /// in staging, never seen there); five serving services, one without a model.
    /// </summary>
    internal static async Task<Scenario> SeedAsync(RegistryCollector collector)
    {
        var run = await collector.SeedRunAsync("churn-exp");
        var (registered, _) = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions", new ModelRegistration { RunId = run.RunId, Artifact = run.ArtifactPath });
        Assert.Equal(HttpStatusCode.Created, registered);
        await collector.Writer.SeedAsync("churn", 2, "alice");
        Assert.Equal(HttpStatusCode.Created, (await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions/1/deployments", new DeploymentRequest { Environment = "production" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions/2/deployments", new DeploymentRequest { Environment = "staging" })).Status);

        var now = TimeProvider.System.GetUtcNow();
        var at = now.AddMinutes(-2);
        await ServingRequests.SendAsync(collector.Api, ServingRequests.Export(ServingRequests.Resource("scorer-a", "churn", "1", run.RunId), at, 60), Cancellation);
        await ServingRequests.SendAsync(collector.Api, ServingRequests.Export(ServingRequests.Resource("scorer-b", "churn", "2", "run-2"), at, 30), Cancellation);
        await ServingRequests.SendAsync(collector.Api, ServingRequests.Export(ServingRequests.Resource("scorer-c", "churn", "7", null), at, 10), Cancellation);
        await ServingRequests.SendAsync(collector.Api, ServingRequests.Export(ServingRequests.Resource("scorer-d", "churn", "1", "someone-elses-run"), at, 20), Cancellation);
        await ServingRequests.SendAsync(collector.Api, ServingRequests.Export(ServingRequests.Resource("plain-api", null, null, null), at, 500), Cancellation);
        return new Scenario(run.RunId, now);
    }

    private static async Task<List<ProductionDeployment>> DeploymentsAsync(RegistryCollector collector, string path)
    {
        var (status, body) = await collector.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, status);
        return body.Deserialize<List<ProductionDeployment>>(QueryJson.Options)!;
    }

    private static async Task<RunStats> StatsAsync(RegistryCollector collector)
    {
        var (status, body) = await collector.SendAsync(HttpMethod.Get, "api/stats");
        Assert.Equal(HttpStatusCode.OK, status);
        return body.Deserialize<RunStats>(QueryJson.Options)!;
    }
}
