using System.Globalization;
using Otel.Grafana.Tests.Harness.Alerting;
using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Alerts;

/// <summary>
/// Every rule on the four seeded scenarios (docs/dashboards-testing.md): each fires on the scenario that shows its
/// trouble, for the instances that have it, and every rule stays quiet on Healthy. Rules are evaluated by
/// <see cref="AlertQueries"/> as of the moment seeding finished, since the scenarios' data stops there while tests may run later.
/// </summary>
public sealed class AlertScenarioTests(GrafanaScenarios scenarios)
{
    private static readonly AlertProvisioning Alerts = AlertProvisioning.Load;

    private ScenarioNames Names => scenarios.Names;

    public static TheoryData<Scenario, string[]> FiringRules => new()
    {
        { Scenario.Healthy, [] },
        { Scenario.Drifted, ["otel-track-drift-page"] },
        { Scenario.Burning, ["otel-track-slo-burn-page"] },
        { Scenario.Degraded, ["otel-track-drift-ticket", "otel-track-slo-burn-ticket"] },
        {
            Scenario.Failing,
            [
                "otel-track-run-failure-rate", "otel-track-runs-lost", "otel-track-run-non-finite-metric", "otel-track-run-diverging-loss",
                "otel-track-run-stalled", "otel-track-run-completeness-low", "otel-track-requests-denied-spike", "otel-track-duplicate-runs",
                "otel-track-spool-age", "otel-track-spool-growth", "otel-track-ingest-refusals", "otel-track-insert-failures",
                "otel-track-dead-lettered", "otel-track-job-failures",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(FiringRules))]
    public async Task Scenario_FiresExactlyTheRulesOfItsTrouble(Scenario scenario, string[] expected)
    {
        var firing = new Dictionary<string, IReadOnlyList<AlertInstanceResult>>();
        foreach (var rule in Alerts.Rules)
        {
            var instances = await FiringAsync(scenario, rule.Uid);
            if (instances.Count > 0)
            {
                firing[rule.Uid] = instances;
            }
        }

        var described = string.Join("; ", firing.Select(entry => $"{entry.Key}: {string.Join(", ", entry.Value.Select(instance => string.Join(' ', instance.Labels.Values)))}"));
        Assert.True(expected.Order(StringComparer.Ordinal).SequenceEqual(firing.Keys.Order(StringComparer.Ordinal)), $"{scenario} fired {described}");
    }

    [Fact]
    public async Task DriftPage_OnDrifted_FiresForTheShiftedFeatureOnly()
    {
        var firing = Assert.Single(await FiringAsync(Scenario.Drifted, "otel-track-drift-page"));

        Assert.Equal(Names.Model, firing.Labels["model"]);
        Assert.Equal(Names.Version.ToString(CultureInfo.InvariantCulture), firing.Labels["version"]);
        Assert.Equal("feature", firing.Labels["kind"]);
        Assert.Equal(Names.DriftedFeature, firing.Labels["feature"]);
    }

    [Fact]
    public async Task SloBurnPage_OnBurning_FiresForTheModelsSlos()
    {
        var firing = await FiringAsync(Scenario.Burning, "otel-track-slo-burn-page");

        Assert.NotEmpty(firing);
        Assert.All(firing, instance => Assert.Equal(Names.Model, instance.Labels["model"]));
        Assert.All(firing, instance => Assert.Contains(instance.Labels["slo"], Names.Slos));
    }

    [Fact]
    public async Task TicketRules_OnDegraded_NameTheMovedFeatureAndTheAvailabilitySlo()
    {
        var drift = Assert.Single(await FiringAsync(Scenario.Degraded, "otel-track-drift-ticket"));
        var burn = Assert.Single(await FiringAsync(Scenario.Degraded, "otel-track-slo-burn-ticket"));

        Assert.Equal((Names.Model, "feature", Names.DriftedFeature), (drift.Labels["model"], drift.Labels["kind"], drift.Labels["feature"]));
        // 4 % errors burn the 99 % availability budget 4× (over the ticket pairs' 3 and 1); 1 % slow is the latency budget's pace.
        Assert.Equal((Names.Slos[0], Names.Model), (burn.Labels["slo"], burn.Labels["model"]));
    }

    [Fact]
    public async Task SloStatusStale_WhenTheSloJobStopsForFifteenMinutes_PagesForEverySlo()
    {
        var rule = Alerts.Rule("otel-track-slo-status-stale");
        await scenarios.EnsureSeededAsync();

        // Healthy as it would look 15 minutes after seeding, with no slo-status run since (the job stopped).
        var later = await AlertQueries.EvaluateAsync(rule.Node, sql => scenarios.QueryAsync(Scenario.Healthy, sql), scenarios.SeededAt.AddMinutes(15));

        Assert.Equal(Names.Slos.Order(StringComparer.Ordinal), later.Firing.Select(instance => instance.Labels["slo"]).Order(StringComparer.Ordinal));
        Assert.All(later.Steps["A"], minutes => Assert.InRange(minutes.Number ?? -1, 15, 16 + scenarios.SeedingTime.TotalMinutes));
    }

    [Fact]
    public async Task TrainingRules_OnFailing_NameTheTroubledRuns()
    {
        Assert.Equal(Names.LostRunIds.Order(StringComparer.Ordinal), (await FiringAsync(Scenario.Failing, "otel-track-runs-lost")).Select(instance => instance.Labels["run_id"]).Order(StringComparer.Ordinal));
        Assert.All(await FiringAsync(Scenario.Failing, "otel-track-run-non-finite-metric"), instance => Assert.Equal(Names.DivergingRunId, instance.Labels["run_id"]));
        Assert.Equal([Names.DivergingRunId], (await FiringAsync(Scenario.Failing, "otel-track-run-diverging-loss")).Select(instance => instance.Labels["run_id"]).Distinct());
        Assert.Equal([Names.StalledRunId], (await FiringAsync(Scenario.Failing, "otel-track-run-stalled")).Select(instance => instance.Labels["run_id"]));
        Assert.Equal([Names.Experiment], (await FiringAsync(Scenario.Failing, "otel-track-duplicate-runs")).Select(instance => instance.Labels["experiment"]));
    }

    private async Task<IReadOnlyList<AlertInstanceResult>> FiringAsync(Scenario scenario, string uid) =>
        (await AlertQueries.EvaluateAsync(scenarios, scenario, Alerts.Rule(uid).Node)).Firing;
}
