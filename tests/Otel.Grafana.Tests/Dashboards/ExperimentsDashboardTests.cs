using System.Text.Json;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;
using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Dashboards;

public sealed class ExperimentsDashboardTests(GrafanaScenarios scenarios)
{
    private const string Dashboard = "experiments.json";
    private const string Leaderboard = "Leaderboard by ${metric} (${order})";

    [Theory]
    [InlineData("desc", new[] { "b", "c", "a" }, 0.95)]
    [InlineData("asc", new[] { "a", "c", "b" }, 0.5)]
    public async Task Leaderboard_RanksByFinalValueInTheOrder_WithoutDeletedRunsOrOtherExperiments(string order, string[] expected, double firstBest)
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(Leaderboard_RanksByFinalValueInTheOrder_WithoutDeletedRunsOrOtherExperiments), TestContext.Current.CancellationToken);
        await ExperimentRows.RunAsync(store, "ra", "exp", "a", "FINISHED");
        await ExperimentRows.RunAsync(store, "rb", "exp", "b", "FINISHED");
        await ExperimentRows.RunAsync(store, "rc", "exp", "c", "FAILED");
        await ExperimentRows.RunAsync(store, "gone", "exp", "gone", "FINISHED");
        await ExperimentRows.RunAsync(store, "elsewhere", "other", "elsewhere", "FINISHED");
        await ExperimentRows.PointsAsync(store, "ra", "val_accuracy", 0.5, 0.6, 0.7);
        await ExperimentRows.PointsAsync(store, "rb", "val_accuracy", 0.8, 0.95, 0.9);
        await ExperimentRows.PointsAsync(store, "rc", "val_accuracy", 0.6, 0.7, 0.8);
        await ExperimentRows.PointsAsync(store, "gone", "val_accuracy", 0.99);
        await ExperimentRows.PointsAsync(store, "elsewhere", "val_accuracy", 0.98);
        await ExperimentRows.DeleteAsync(store, "gone");

        var rows = await PanelQueries.RunAsync(store, Dashboard, Leaderboard, ExperimentRows.LastMonth, Variables(order, "FINISHED", "FAILED"));

        Assert.Equal(expected, rows.Select(r => r.String("name")));
        Assert.Equal([1, 2, 3], rows.Select(r => r.Int64("rank")));
        Assert.Equal(firstBest, rows[0].Double("best"), 6);
        // Never scored is no score, not 0 % (a LEFT JOIN's non-match gives the column's default).
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("completeness").ValueKind));
    }

    [Fact]
    public async Task Leaderboard_StatusVariable_LeavesOutOtherStatuses()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(Leaderboard_StatusVariable_LeavesOutOtherStatuses), TestContext.Current.CancellationToken);
        await ExperimentRows.RunAsync(store, "ok", "exp", "ok", "FINISHED");
        await ExperimentRows.RunAsync(store, "broken", "exp", "broken", "FAILED");
        await ExperimentRows.PointsAsync(store, "ok", "val_accuracy", 0.7);
        await ExperimentRows.PointsAsync(store, "broken", "val_accuracy", 0.9);

        var rows = await PanelQueries.RunAsync(store, Dashboard, Leaderboard, ExperimentRows.LastMonth, Variables("desc", "FINISHED"));

        Assert.Equal(["ok"], rows.Select(r => r.String("name")));
    }

    [Fact]
    public async Task Attempts_CiRetriesOfOneRun_AreOneRowWithOutcomesOldestFirst()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(Attempts_CiRetriesOfOneRun_AreOneRowWithOutcomesOldestFirst), TestContext.Current.CancellationToken);
        const string ci = "map('vcs.ref.head.revision', 'abc123', 'cicd.pipeline.run.id', '77')";
        await ExperimentRows.RunAsync(store, "first", "exp", "nightly", "FAILED", ci, startedMinutesAgo: 120);
        await ExperimentRows.RunAsync(store, "retry", "exp", "nightly", "FINISHED", ci, startedMinutesAgo: 60);
        await ExperimentRows.RunAsync(store, "local", "exp", "nightly", "FINISHED");

        var row = Assert.Single(await PanelQueries.RunAsync(store, Dashboard, "Attempts", ExperimentRows.LastMonth, Variables("desc", "FINISHED", "FAILED")));

        Assert.Equal(2, row.Int64("attempts"));
        Assert.Equal("FAILED → FINISHED", row.String("outcomes"));
        Assert.Equal("retry", row.String("run_id"));
    }

    [Fact]
    public async Task RunTable_ParamsThatDiffer_ComeFirst()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(RunTable_ParamsThatDiffer_ComeFirst), TestContext.Current.CancellationToken);
        await ExperimentRows.RunAsync(store, "r1", "exp", "one", "FINISHED");
        await ExperimentRows.RunAsync(store, "r2", "exp", "two", "FINISHED");
        foreach (var (run, lr) in new[] { ("r1", "0.1"), ("r2", "0.2") })
        {
            await ExperimentRows.ParamAsync(store, run, "a_seed", "7");
            await ExperimentRows.ParamAsync(store, run, "lr", lr);
        }

        var rows = await PanelQueries.RunAsync(store, Dashboard, "Runs with params and metrics", ExperimentRows.LastMonth, Variables("desc", "FINISHED"));

        Assert.Equal(["lr=0.1  a_seed=7", "lr=0.2  a_seed=7"], rows.Select(r => r.String("params")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Leaderboard_SeededSweep_RanksTheChampionsRunFirst()
    {
        var names = scenarios.Names;

        var result = await PanelQueries.RunAsync(scenarios, Scenario.Healthy, Dashboard, Leaderboard);

        // The experiment's runs: the sweep's children and the re-run of one of them (M3), which is not a sweep child.
        Assert.Equal(names.RunIds.Append(names.ReproductionRunId).Order(StringComparer.Ordinal), result.Rows.Select(r => QueryResult.Text(r["run_id"])).Order(StringComparer.Ordinal));
        Assert.Equal(names.BestRunId, QueryResult.Text(result.Rows[0]["run_id"]));
    }

    private static Dictionary<string, IReadOnlyList<string>> Variables(string order, params string[] statuses) => new()
    {
        ["experiment"] = ["exp"],
        ["metric"] = ["val_accuracy"],
        ["order"] = [order],
        ["status"] = statuses,
    };
}
