using System.Net;
using System.Text.Json;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Production;

namespace Otel.Collector.Tests.Production.Drift;

/// <summary>
/// <c>GET /api/models/{name}/drift</c> on a real collector fed over OTLP (<see cref="DriftScenario"/>): statuses, values
/// checked against <see cref="ReferenceDrift"/>, the busiest version by default, and every refusal.
/// </summary>
[Collection(SharedDriftScenario.Name)]
public sealed class DriftApiTests(DriftScenario scenario)
{
    private DriftRig Rig => scenario.Rig;

    [Fact]
    public async Task Drift_ShiftedFeatureAmongSteadyOnes_ShiftedOneDriftsOthersStayOk_ValuesMatchAnIndependentComputation()
    {
        var results = await ReportAsync("api/models/churn/drift?version=1&window=15m");

        Assert.Equal(["feature/age", "feature/country", "feature/income", "prediction/score"], results.Select(r => r.Kind + "/" + r.Feature));
        var age = results.Single(r => r.Feature == "age");
        Assert.True(age.Psi > 0.25, $"age PSI {age.Psi}");
        Assert.Equal((DriftStatus.Drift, 2000L, 1000L), (age.Status, age.Count, age.BaselineCount));
        AssertMatches(ReferenceDrift.Of(DriftScenario.AgeBaseline, DriftScenario.AgeShifted, categorical: false), age);
        foreach (var steady in results.Where(r => r.Feature != "age"))
        {
            Assert.True(steady.Psi < 0.05, $"{steady.Feature} PSI {steady.Psi}");
            Assert.Equal((DriftStatus.Ok, 2000L), (steady.Status, steady.Count));
        }

        var country = results.Single(r => r.Feature == "country");
        AssertMatches(ReferenceDrift.Of(DriftScenario.CountryBaseline, DriftScenario.CountryServed, categorical: true), country);
        var income = results.Single(r => r.Feature == "income");
        Assert.Equal(300, income.MismatchedCount);
        Assert.Contains("[1.5, 2.5]", income.Note, StringComparison.Ordinal);
        Assert.All(results, r => Assert.Equal(("churn", 1L, "15m"), (r.Model, r.Version, r.Window)));
    }

    [Fact]
    public async Task Drift_ModerateShift_ValuesMatchTheReferenceForEveryMetric()
    {
        // Bins empty in production (age's lowest) exercise the epsilon floor; the reference floors the same way.
        var results = await ReportAsync("api/models/churn/drift?version=1&window=1h&warnPsi=0.01&driftPsi=50");

        var age = results.Single(r => r.Feature == "age");
        Assert.Equal(DriftStatus.Warn, age.Status);
        AssertMatches(ReferenceDrift.Of(DriftScenario.AgeBaseline, DriftScenario.AgeShifted, categorical: false), age);
        Assert.InRange(age.Js!.Value, 0, 1);
    }

    [Fact]
    public async Task Drift_SmallSample_IsInsufficientData_AndAFeatureWithoutTrafficHasNoValues()
    {
        var results = await ReportAsync("api/models/churn/drift?version=2&window=15m");

        Assert.All(results, r => Assert.Equal(DriftStatus.InsufficientData, r.Status));
        var age = results.Single(r => r.Feature == "age");
        Assert.Equal(20, age.Count);
        AssertMatches(ReferenceDrift.Of(DriftScenario.AgeBaseline, DriftScenario.AgeSmall, categorical: false), age);
        var income = results.Single(r => r.Feature == "income");
        Assert.Equal((0L, null, null, null), (income.Count, income.Psi, income.Js, income.Ks));
    }

    [Fact]
    public async Task Drift_WithoutVersion_IsTheVersionThatServedTheMostPredictions()
    {
        var results = await ReportAsync("api/models/churn/drift");

        Assert.All(results, r => Assert.Equal((1L, "1h"), (r.Version, r.Window)));
    }

    [Theory]
    [InlineData("api/models/nobody/drift", HttpStatusCode.NotFound, "unknown model 'nobody'")]
    [InlineData("api/models/churn/drift?version=9", HttpStatusCode.NotFound, "has no version 9")]
    [InlineData("api/models/churn/drift?version=3", HttpStatusCode.NotFound, "has no baseline")]
    [InlineData("api/models/idle/drift", HttpStatusCode.NotFound, "no version of model 'idle' served in the last 1h")]
    [InlineData("api/models/idle/drift?version=1", HttpStatusCode.NotFound, "has no serving telemetry of its baseline's features")]
    [InlineData("api/models/churn/drift?window=5x", HttpStatusCode.BadRequest, "window '5x' is not a length from 1m to 30d")]
    [InlineData("api/models/churn/drift?window=31d", HttpStatusCode.BadRequest, "window '31d'")]
    [InlineData("api/models/churn/drift?warnPsi=0.5&driftPsi=0.2", HttpStatusCode.BadRequest, "driftPsi 0.2 must be a number at least the warn threshold")]
    [InlineData("api/models/churn/drift?minCount=0", HttpStatusCode.BadRequest, "minCount 0 must be 1 or more")]
    [InlineData("api/models/churn/drift?version=two", HttpStatusCode.BadRequest, "version 'two' is not a whole number")]
    public async Task Drift_BadRequest_IsRefusedSayingWhatToDo(string path, HttpStatusCode expected, string says)
    {
        var (status, body) = await Rig.Collector.SendAsync(HttpMethod.Get, path);

        Assert.Equal(expected, status);
        Assert.Contains(says, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private async Task<List<DriftResult>> ReportAsync(string path)
    {
        var (status, body) = await Rig.Collector.SendAsync(HttpMethod.Get, path);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {body}");
        return body.Deserialize<List<DriftResult>>(QueryJson.Options)!;
    }

    private static void AssertMatches((double Psi, double Js, double Ks) expected, DriftResult actual)
    {
        Assert.Equal(expected.Psi, actual.Psi!.Value, 1e-9);
        Assert.Equal(expected.Js, actual.Js!.Value, 1e-9);
        Assert.Equal(expected.Ks, actual.Ks!.Value, 1e-9);
    }
}
