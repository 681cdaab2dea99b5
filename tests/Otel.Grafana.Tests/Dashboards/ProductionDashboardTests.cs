using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>What the production dashboard shows for the seeded model in each scenario.</summary>
public sealed class ProductionDashboardTests(GrafanaScenarios scenarios)
{
    private const string File = "production.json";

    [Fact]
    public async Task DriftNow_Drifted_ShowsDriftForTheShiftedFeatureOnly()
    {
        var rows = (await PanelQueries.RunAsync(scenarios, Scenario.Drifted, File, "Drift now, per feature and prediction")).Rows;

        var status = rows.ToDictionary(r => QueryResult.Text(r["Feature"]), r => QueryResult.Text(r["Status"]));
        Assert.Equal("drift", status[scenarios.Names.DriftedFeature]);
        Assert.All(status.Where(s => s.Key != scenarios.Names.DriftedFeature), s => Assert.Equal("ok", s.Value));
    }

    [Fact]
    public async Task DriftNow_Healthy_ShowsEveryFeatureOk()
    {
        var rows = (await PanelQueries.RunAsync(scenarios, Scenario.Healthy, File, "Drift now, per feature and prediction")).Rows;

        Assert.Equal(scenarios.Names.Features.Count + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal("ok", QueryResult.Text(r["Status"])));
    }

    [Theory]
    [InlineData(Scenario.Burning, "page")]
    [InlineData(Scenario.Degraded, "ticket")]
    [InlineData(Scenario.Healthy, "none")]
    public async Task SloStatus_Scenario_ShowsItsAlertState(Scenario scenario, string alert)
    {
        var rows = (await PanelQueries.RunAsync(scenarios, scenario, File, "SLO status and burn rates")).Rows;

        Assert.Equal(scenarios.Names.Slos.Order(StringComparer.Ordinal), rows.Select(r => QueryResult.Text(r["Name"])));
        Assert.Contains(rows, r => QueryResult.Text(r["Alert"]) == alert);
    }

    [Fact]
    public async Task ErrorRateAndLatency_Burning_RiseAboveHealthy()
    {
        var burningErrors = (await PanelQueries.RunAsync(scenarios, Scenario.Burning, File, "Error rate per version")).Rows;
        var healthyErrors = (await PanelQueries.RunAsync(scenarios, Scenario.Healthy, File, "Error rate per version")).Rows;
        Assert.True(burningErrors.Max(r => QueryResult.Number(r["error rate"])) > 0.1);
        Assert.All(healthyErrors, r => Assert.Equal(0, QueryResult.Number(r["error rate"])));

        var burningP99 = await MaxP99Async(Scenario.Burning);
        var healthyP99 = await MaxP99Async(Scenario.Healthy);
        Assert.True(burningP99 > healthyP99, $"p99 burning {burningP99} s, healthy {healthyP99} s");
    }

    [Fact]
    public async Task Deployments_Healthy_TheServingVersionLinksToItsTrainingRun()
    {
        var row = Assert.Single((await PanelQueries.RunAsync(scenarios, Scenario.Healthy, File, "Versions in production and their training runs")).Rows);

        Assert.Equal(scenarios.Names.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), QueryResult.Text(row["Version"]));
        Assert.Equal(scenarios.Names.BestRunId, QueryResult.Text(row["Training run"]));
        Assert.Equal("linked", QueryResult.Text(row["Linkage"]));
    }

    private async Task<double> MaxP99Async(Scenario scenario) =>
        (await PanelQueries.RunAsync(scenarios, scenario, File, "Latency p50 / p95 / p99")).Rows
            .Where(r => QueryResult.Text(r["Quantile"]) == "p99").Max(r => QueryResult.Number(r["Seconds"]));
}
