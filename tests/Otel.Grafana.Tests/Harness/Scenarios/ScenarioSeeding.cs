using Otel.Collector.Production.Cost;
using Otel.Collector.Production.Drift;
using Otel.Collector.Production.Slo;
using Otel.Collector.Provenance;

namespace Otel.Grafana.Tests.Harness.Scenarios;

/// <summary>
/// Seeds one scenario's collector, in the order a real deployment lives it: training, completeness scored,
/// registry, serving and SLOs, then the drift, SLO and cost jobs once, and the collector's own metrics.
/// </summary>
internal static class ScenarioSeeding
{
    public static async Task SeedAsync(ScenarioCollector collector, ScenarioNames names, Scenario scenario, SeedingSteps steps)
    {
        Task Step(string name, Func<Task> run) => steps.TimeAsync(scenario, name, run);

        await Step("training", () => TrainingSeed.SeedAsync(collector, names));

        // The gate's completeness condition reads what was frozen at registration: score the runs first. The host's
        // job scores them within a second; the test settle time (200 ms) can miss a mark on a loaded machine, so a fresh
        // job, which scores every mark kept, runs while any is missing.
        await Step("completeness", () => collector.WhenStoredAsync(InRuns("SELECT count(DISTINCT RunId) FROM ml_run_completeness WHERE RunId IN ({0})", names.RunIds), names.RunIds.Count, () => Score(collector)));
        await Step("registry", () => RegistrySeed.SeedAsync(collector, names));
        await Step("serving", () => ServingSeed.SeedAsync(collector, names, scenario));
        if (scenario == Scenario.Failing)
        {
            await Step("failing runs", () => FailingSeed.SeedAsync(collector, names));
            await Step("troubled collector", () => collector.SendMetricsAsync(CollectorTrouble.Request(names.CollectorService, collector.Now)));
        }

        await Step("serving stored", () => collector.WhenStoredAsync($"SELECT count() FROM otel_metrics_histogram WHERE ServiceName = '{names.Service}'", ServingSeed.HistogramRows));
        await Step("drift job", () => collector.RunJobAsync<DriftJob>());
        await Step("slo job", () => collector.RunJobAsync<SloJob>());
        await Step("cost job", () => collector.RunJobAsync<RunCostJob>());
        await Step("jobs stored", async () =>
        {
            await collector.WhenStoredAsync($"SELECT count() FROM ml_drift WHERE ModelName = '{names.Model}'", 1);
            await collector.WhenStoredAsync("SELECT count(DISTINCT Name) FROM ml_slo_status", names.Slos.Count);
            await collector.WhenStoredAsync(InRuns("SELECT count(DISTINCT RunId) FROM ml_run_costs WHERE RunId IN ({0})", names.RunIds), names.RunIds.Count);
        });
        if (scenario == Scenario.Failing)
        {
            await Step("failing stored", async () =>
            {
                await collector.WhenStoredAsync(InRuns("SELECT count(DISTINCT RunId) FROM ml_run_completeness WHERE RunId IN ({0})", names.IncompleteRunIds), names.IncompleteRunIds.Count, () => Score(collector));
                await collector.WhenStoredAsync($"SELECT count() FROM otel_metrics_sum WHERE ResourceAttributes['service.instance.id'] = '{CollectorTrouble.Instance}'", CollectorTrouble.Minutes * 7);
            });
        }

        // The collector stores its own metrics itself (every 500 ms here): wait for a few rounds of them.
        await Step("self metrics", () => collector.WhenStoredAsync($"SELECT uniqExact(TimeUnix) FROM otel_metrics_sum WHERE ServiceName = '{names.CollectorService}' AND MetricName = 'otel_track.storage.rows'", 3));
    }

    private static Task Score(ScenarioCollector collector) => collector.RunJobAsync<CompletenessJob>();

    private static string InRuns(string sql, IEnumerable<string> runIds) => string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, "'" + string.Join("','", runIds) + "'");
}
