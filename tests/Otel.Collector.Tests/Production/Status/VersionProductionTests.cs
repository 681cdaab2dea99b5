using System.Net;
using System.Text.Json;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Production;

namespace Otel.Collector.Tests.Production.Status;

/// <summary>
/// <c>GET /api/models/NAME/versions/V/production</c> and the drift of <c>slo compare</c>, end to end on the seeded
/// incident (<see cref="ProductionScenario"/>): from the model to its run, data and previous champion.
/// </summary>
public sealed class VersionProductionTests(ProductionScenario scenario) : IClassFixture<ProductionScenario>
{
    [Fact]
    public async Task Production_BurningDriftedVersion_ShowsRequestsSloAlertWorstDriftFirstAndTheRunToLookAt()
    {
        var production = await GetAsync("api/models/churn/versions/2/production?window=1h");

        Assert.Equal(("churn", 2L, "1h", 3000L, true), (production.Model, production.Version, production.Window, production.Requests, production.ServesTraffic));
        Assert.Equal(TimeSpan.FromHours(1), production.To - production.From);
        var served = Assert.Single(production.Deployments, d => d.Service == "churn-scorer");
        Assert.Equal((3000L, "2"), (served.Requests, served.Version));
        Assert.All(production.Deployments, d => Assert.Equal("2", d.Version));
        var slo = Assert.Single(production.Slos);
        Assert.Equal(("churn-availability", "2", "page"), (slo.Name, slo.Version, slo.Alert));
        Assert.Equal(0.8, slo.Sli!.Value, 9);
        Assert.Equal(("age", DriftStatus.Drift, "15m"), (production.Drift[0].Feature, production.Drift[0].Status, production.Drift[0].Window));
        Assert.True(production.Drift[0].Psi > 0.25);
        Assert.All(production.Drift.Skip(1), d => Assert.NotEqual(DriftStatus.Drift, d.Status));
        Assert.Contains(production.Drift, d => (d.Feature, d.Kind, d.Status) == ("score", "prediction", DriftStatus.Ok));
        Assert.Equal(3000L, production.ServingCost!.Predictions);
        Assert.Equal((scenario.RunIds[1], "churn-training"), (production.Training.RunId, production.Training.Experiment));
        var dataset = Assert.Single(production.Training.Datasets);
        Assert.Equal(("train.csv", Registry.RegistryRuns.DatasetDigest, "training"), (dataset.Name, dataset.Digest, dataset.Context));
        Assert.Equal((1L, scenario.RunIds[0], false),
            (production.Training.PreviousChampion!.Version, production.Training.PreviousChampion.RunId, production.Training.PreviousChampion.Current));
    }

    [Fact]
    public async Task Production_FirstChampion_HasNoPreviousChampionAndItsDriftIsOk()
    {
        var production = await GetAsync("api/models/churn/versions/1/production");

        Assert.Equal(("1h", 300L), (production.Window, production.Requests));
        Assert.Null(production.Training.PreviousChampion);
        var age = Assert.Single(production.Drift, d => d.Feature == "age");
        Assert.Equal(DriftStatus.Ok, age.Status);
        Assert.Equal("none", Assert.Single(production.Slos).Alert);
    }

    [Theory]
    [InlineData("api/models/churn/versions/9/production", HttpStatusCode.NotFound, "version 9")]
    [InlineData("api/models/nobody/versions/1/production", HttpStatusCode.NotFound, "nobody")]
    [InlineData("api/models/churn/versions/two/production", HttpStatusCode.BadRequest, "'two' is not a version number")]
    [InlineData("api/models/churn/versions/2/production?window=yesterday", HttpStatusCode.BadRequest, "window 'yesterday' is not a length")]
    public async Task Production_UnknownOrMalformed_AnswersWithTheStatusAndWhatWasWrong(string path, HttpStatusCode expected, string says)
    {
        var (status, body) = await scenario.Rig.Collector.SendAsync(HttpMethod.Get, path);

        Assert.Equal(expected, status);
        Assert.Contains(says, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SloCompare_TwoVersions_SetsDriftSideBySideAfterTheSlos()
    {
        var (status, body) = await scenario.Rig.Collector.SendAsync(HttpMethod.Get, "api/slos/compare?model=churn&version=1&version=2");

        Assert.Equal(HttpStatusCode.OK, status);
        var comparison = body.Deserialize<SloComparison>(QueryJson.Options)!;
        Assert.Equal(("page", "none"), (comparison.Slos.Single().B.Alert, comparison.Slos.Single().A.Alert));
        var age = Assert.Single(comparison.Drift, d => d.Feature == "age");
        Assert.Equal(("feature", DriftStatus.Ok, DriftStatus.Drift), (age.Kind, age.A!.Status, age.B!.Status));
        Assert.True(age.B.Psi > 0.25 && age.A.Psi < 0.05);
        Assert.Equal(["feature", "prediction"], comparison.Drift.Select(d => d.Kind).Distinct());
        var fields = Assert.Single(body.GetProperty("drift").EnumerateArray(), d => d.GetProperty("feature").GetString() == "age");
        Assert.Equal(["feature", "kind", "a", "b"], fields.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["psi", "status"], fields.GetProperty("a").EnumerateObject().Select(p => p.Name));
    }

    private async Task<VersionProduction> GetAsync(string path)
    {
        var (status, body) = await scenario.Rig.Collector.SendAsync(HttpMethod.Get, path);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return body.Deserialize<VersionProduction>(QueryJson.Options)!;
    }
}
