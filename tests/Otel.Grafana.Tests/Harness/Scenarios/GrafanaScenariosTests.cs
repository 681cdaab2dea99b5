namespace Otel.Grafana.Tests.Harness.Scenarios;

/// <summary>Each scenario holds what docs/dashboards-testing.md says it does: the alert and dashboard tests rely on it.</summary>
public sealed class GrafanaScenariosTests(GrafanaScenarios scenarios)
{
    private ScenarioNames Names => scenarios.Names;

    [Theory]
    [InlineData(Scenario.Healthy)]
    [InlineData(Scenario.Drifted)]
    [InlineData(Scenario.Burning)]
    [InlineData(Scenario.Degraded)]
    [InlineData(Scenario.Failing)]
    public async Task Scenario_Any_HoldsTheSweepTheChampionAndItsServing(Scenario scenario)
    {
        Assert.Equal(Names.RunIds.Count + 1, await CountAsync(scenario,
            $"SELECT count() FROM ml_runs FINAL WHERE Status = 'FINISHED' AND (RunId IN ({List(Names.RunIds)}) OR RunId = '{Names.SweepRunId}')"));
        Assert.Equal(Names.RunIds.Count * Names.MetricKeys.Count * TrainingSeed.Epochs, await CountAsync(scenario,
            $"SELECT count() FROM ml_metrics WHERE RunId IN ({List(Names.RunIds)})"));
        Assert.Equal(Names.Version, await CountAsync(scenario,
            $"SELECT argMax(Version, MovedAt) FROM ml_model_alias_moves WHERE Name = '{Names.Model}' AND Alias = '{Names.Alias}'"));
        Assert.Equal(Names.Version, await CountAsync(scenario,
            $"SELECT argMax(Version, MovedAt) FROM ml_model_alias_moves WHERE Name = '{Names.Model}' AND Alias = '{Names.ProductionAlias}'"));
        Assert.Equal(Names.PendingVersion, await CountAsync(scenario, $"SELECT max(Version) FROM ml_model_versions WHERE Name = '{Names.Model}'"));
        Assert.Equal(1, await CountAsync(scenario,
            $"SELECT count() FROM ml_runs FINAL WHERE RunId = '{Names.ReproductionRunId}' AND Reproduces = '{Names.PreviousRunId}' AND Status = 'FINISHED'"));
        Assert.Equal(ServingSeed.Minutes * 100, await CountAsync(scenario,
            $"SELECT sum(Count) FROM otel_metrics_histogram WHERE ServiceName = '{Names.Service}' AND MetricName = 'http.server.request.duration'"));
        Assert.True(await CountAsync(scenario, $"SELECT count() FROM ml_run_costs WHERE RunId = '{Names.BestRunId}' AND Cost > 0") > 0);
        Assert.True(await CountAsync(scenario, $"SELECT count() FROM otel_metrics_gauge WHERE ServiceName = '{Names.CollectorService}'") > 0);
    }

    [Theory]
    [InlineData(Scenario.Healthy, "none")]
    [InlineData(Scenario.Drifted, "none")]
    [InlineData(Scenario.Failing, "none")]
    [InlineData(Scenario.Burning, "page")]
    [InlineData(Scenario.Degraded, "ticket")]
    public async Task Scenario_SloStatus_PagesWhenBurning_TicketsWhenDegraded(Scenario scenario, string expected)
    {
        var result = await scenarios.QueryAsync(scenario, $"SELECT Alert FROM ml_slo_status FINAL WHERE Name = '{Names.Slos[0]}' ORDER BY EvaluatedAt DESC LIMIT 1");

        Assert.Equal(expected, QueryResult.Text(Assert.Single(result.Rows)["Alert"]));
    }

    [Theory]
    [InlineData(Scenario.Healthy, "ok")]
    [InlineData(Scenario.Drifted, "drift")]
    [InlineData(Scenario.Degraded, "warn")]
    public async Task Scenario_DriftOfTheShiftedFeatureOverTheLastHour_FollowsHowFarItMoved(Scenario scenario, string expected)
    {
        var result = await scenarios.QueryAsync(scenario,
            $"SELECT argMax(Status, WindowEnd) AS Status FROM ml_drift FINAL WHERE ModelName = '{Names.Model}' AND Feature = '{Names.DriftedFeature}' AND Window = '1h'");

        Assert.Equal(expected, QueryResult.Text(Assert.Single(result.Rows)["Status"]));
    }

    [Fact]
    public async Task Failing_Runs_AreFailedLostRunningAndIncomplete()
    {
        var statuses = await scenarios.QueryAsync(Scenario.Failing, "SELECT RunId, Status FROM ml_runs FINAL");
        var byRun = statuses.Rows.ToDictionary(r => QueryResult.Text(r["RunId"]), r => QueryResult.Text(r["Status"]));

        Assert.All(Names.FailedRunIds, id => Assert.Equal("FAILED", byRun[id]));
        Assert.All(Names.LostRunIds, id => Assert.Equal("LOST", byRun[id]));
        Assert.Equal("RUNNING", byRun[Names.DivergingRunId]);
        Assert.Equal("RUNNING", byRun[Names.StalledRunId]);
        Assert.All(Names.DuplicateRunIds, id => Assert.Equal("FINISHED", byRun[id]));
        Assert.Equal(2, await CountAsync(Scenario.Failing,
            $"SELECT countIf(NOT isFinite(Value)) FROM ml_metrics WHERE RunId = '{Names.DivergingRunId}'"));
        Assert.Equal(0, await CountAsync(Scenario.Failing,
            $"SELECT count() FROM ml_run_completeness FINAL WHERE RunId IN ({List(Names.IncompleteRunIds)}) AND Score >= 0.8"));
        Assert.Equal(Names.RunIds.Count, await CountAsync(Scenario.Failing,
            $"SELECT count() FROM ml_run_completeness FINAL WHERE RunId IN ({List(Names.RunIds)}) AND Score = 1"));
    }

    [Fact]
    public async Task Healthy_HasNoTroubledRuns()
    {
        Assert.Equal(0, await CountAsync(Scenario.Healthy, "SELECT count() FROM ml_runs FINAL WHERE Status != 'FINISHED'"));

        // For the record (docs/dashboards-testing.md): how long the four scenarios took to seed on this machine.
        TestContext.Current.TestOutputHelper?.WriteLine($"seeding the scenarios took {scenarios.SeedingTime.TotalSeconds:0} s; by step, slowest first:\n{scenarios.Steps}");
    }

    private async Task<long> CountAsync(Scenario scenario, string sql)
    {
        var result = await scenarios.QueryAsync(scenario, sql);
        return (long)QueryResult.Number(Assert.Single(result.Rows).Values.Single());
    }

    private static string List(IEnumerable<string> values) => "'" + string.Join("','", values) + "'";
}
