using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>What the drift detail shows for the feature that shifts in the Drifted scenario.</summary>
public sealed class DriftDashboardTests(GrafanaScenarios scenarios)
{
    private const string File = "drift.json";

    [Theory]
    [InlineData(Scenario.Drifted, "drift")]
    [InlineData(Scenario.Degraded, "warn")]
    [InlineData(Scenario.Healthy, "ok")]
    public async Task Status_Scenario_IsTheDriftJobsVerdict(Scenario scenario, string status)
    {
        var row = Assert.Single((await PanelQueries.RunAsync(scenarios, scenario, File, "Status")).Rows);

        Assert.Equal(status, QueryResult.Text(row["Status"]));
    }

    [Fact]
    public async Task BaselineVsCurrent_ShiftedFeature_DiffersInDriftedAndMatchesInHealthy()
    {
        // Total variation distance between the two distributions the bar chart draws.
        async Task<double> DistanceAsync(Scenario scenario)
        {
            var rows = (await PanelQueries.RunAsync(scenarios, scenario, File, "Baseline vs current distribution")).Rows;
            Assert.NotEmpty(rows);
            Assert.Equal(1, rows.Sum(r => QueryResult.Number(r["Baseline"])), 6);
            return rows.Sum(r => Math.Abs(QueryResult.Number(r["Baseline"]) - QueryResult.Number(r["Current"]))) / 2;
        }

        Assert.True(await DistanceAsync(Scenario.Drifted) > 0.2);
        Assert.True(await DistanceAsync(Scenario.Healthy) < 0.01);
    }

    [Fact]
    public async Task TrainingRun_IsTheRunTheVersionWasRegisteredFrom()
    {
        var row = Assert.Single((await PanelQueries.RunAsync(scenarios, Scenario.Healthy, File, "Training run")).Rows);

        Assert.Equal(scenarios.Names.BestRunId, QueryResult.Text(row["Training run"]));
        Assert.Equal("FINISHED", QueryResult.Text(row["Status"]));
    }
}
