using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>The executive stats' values (the last point of each running series) in the seeded scenarios.</summary>
public sealed class ExecutiveDashboardTests(GrafanaScenarios scenarios)
{
    private const string File = "executive.json";

    [Fact]
    public async Task RunSuccessRate_M1_FailingFallsBelowTargetAndHealthyMeetsIt()
    {
        Assert.True(await LastAsync(Scenario.Failing, "Run success rate (M1)") < 0.95);
        Assert.Equal(1, await LastAsync(Scenario.Healthy, "Run success rate (M1)"));
    }

    [Fact]
    public async Task ProductionLinkage_M8_Healthy_EveryRequestLinksToItsRun()
    {
        Assert.Equal(1, await LastAsync(Scenario.Healthy, "Production linkage (M8)"));
    }

    [Fact]
    public async Task Completeness_M5_FailingFallsBelowHealthy()
    {
        Assert.True(await LastAsync(Scenario.Failing, "Metadata completeness (M5)") < await LastAsync(Scenario.Healthy, "Metadata completeness (M5)"));
    }

    [Fact]
    public async Task ModelsInProduction_Healthy_TheSeededModelAndWhereItsAliasPoints()
    {
        var row = Assert.Single((await PanelQueries.RunAsync(scenarios, Scenario.Healthy, File, "What serves, and what each alias points at")).Rows);

        Assert.Equal(scenarios.Names.Model, QueryResult.Text(row["Model"]));
        Assert.Contains($"@{scenarios.Names.Alias} → v{scenarios.Names.Version}", QueryResult.Text(row["Aliases"]), StringComparison.Ordinal);
    }

    private async Task<double> LastAsync(Scenario scenario, string title)
    {
        var rows = (await PanelQueries.RunAsync(scenarios, scenario, File, title)).Rows;
        Assert.NotEmpty(rows);
        return QueryResult.Number(rows[^1]["value"]);
    }
}
