using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;
using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Dashboards;

public sealed class CompareDashboardTests(GrafanaScenarios scenarios)
{
    private const string Dashboard = "compare.json";

    [Fact]
    public async Task ParamsThatDiffer_ListOnlyParamsWithAnotherValueOrMissingSomewhere()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(ParamsThatDiffer_ListOnlyParamsWithAnotherValueOrMissingSomewhere),
            TestContext.Current.CancellationToken);
        await ExperimentRows.RunAsync(store, "r1", "exp", "one", "FINISHED");
        await ExperimentRows.RunAsync(store, "r2", "exp", "two", "FINISHED");
        await ExperimentRows.RunAsync(store, "r3", "exp", "not chosen", "FINISHED");
        foreach (var (run, lr) in new[] { ("r1", "0.1"), ("r2", "0.2"), ("r3", "0.1") })
        {
            await ExperimentRows.ParamAsync(store, run, "seed", "7");
            await ExperimentRows.ParamAsync(store, run, "lr", lr);
        }

        await ExperimentRows.ParamAsync(store, "r1", "warmup", "100");

        var rows = await PanelQueries.RunAsync(store, Dashboard, "Params that differ", ExperimentRows.LastMonth, Variables("r1", "r2"));

        Assert.Equal(["lr one (r1)=0.1", "lr two (r2)=0.2", "warmup one (r1)=100"],
            rows.Select(r => $"{r.String("param")} {r.String("run")}={r.String("value")}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ProvenanceThatDiffers_LeavesOutProcessIds_AndCountsTheEqualAttributes()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(ProvenanceThatDiffers_LeavesOutProcessIds_AndCountsTheEqualAttributes),
            TestContext.Current.CancellationToken);
        await ExperimentRows.RunAsync(store, "r1", "exp", "one", "FINISHED",
            "map('vcs.ref.head.revision', 'aaa', 'host.name', 'gpu1', 'process.pid', '10')");
        await ExperimentRows.RunAsync(store, "r2", "exp", "two", "FINISHED",
            "map('vcs.ref.head.revision', 'bbb', 'host.name', 'gpu1', 'process.pid', '11')");

        var rows = await PanelQueries.RunAsync(store, Dashboard, "Environment and provenance that differs", ExperimentRows.LastMonth, Variables("r1", "r2"));

        Assert.Equal(["vcs.ref.head.revision", "(1 more, the same in every run)"], rows.Select(r => r.String("attribute")).Distinct());
    }

    [Fact]
    public async Task Curves_OneSeriesPerRun_NamedByRun()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(Curves_OneSeriesPerRun_NamedByRun), TestContext.Current.CancellationToken);
        await ExperimentRows.RunAsync(store, "r1", "exp", "one", "FINISHED");
        await ExperimentRows.RunAsync(store, "r2", "exp", "two", "FINISHED");
        await ExperimentRows.PointsAsync(store, "r1", "loss", 0.9, 0.5);
        await ExperimentRows.PointsAsync(store, "r2", "loss", 0.8, 0.6, 0.3);

        var rows = await PanelQueries.RunAsync(store, Dashboard, "${key}", ExperimentRows.LastMonth, Variables("r1", "r2"));

        Assert.Equal(["one (r1):1=0.9", "one (r1):2=0.5", "two (r2):1=0.8", "two (r2):2=0.6", "two (r2):3=0.3"],
            rows.Select(r => $"{r.String("run")}:{r.Int64("step")}={r.Double("value")}"));
    }

    [Fact]
    public async Task SeededSweep_FinalMetricsSideBySide_OneRowPerKeyAndRun()
    {
        var names = scenarios.Names;

        // The runs a user would pick: the champion's and the one before it.
        var result = await PanelQueries.RunAsync(scenarios, Scenario.Healthy, Dashboard, "Final metrics side by side");

        Assert.Equal(2 * names.MetricKeys.Count, result.Rows.Count);
        Assert.Equal(names.MetricKeys.Order(StringComparer.Ordinal), result.Rows.Select(r => QueryResult.Text(r["key"])).Distinct().Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, IReadOnlyList<string>> Variables(params string[] runs) => new()
    {
        ["run_ids"] = runs,
        ["key"] = ["loss"],
    };
}
