using Otel.Collector.Query.RunFilter;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Ingest;
using Otel.Tracking.Query;

namespace Otel.Collector.Tests.RunFilter;

/// <summary>Filters and orders compiled to ClickHouse and run on chDB over <see cref="FilterScenario"/>: the matched sets, in order.</summary>
public sealed class RunFilterQueryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string?, string, string[]> Filters => new()
    {
        { "find", "metrics.acc > 0.8", ["r1", "r2"] },
        { "find", "metrics.acc < 0.8", [] },
        { "find", "metrics.acc != 0.9", ["r2"] },
        { "find", "metrics.acc >= 0.85 and metrics.acc <= 0.85", ["r2"] },
        { "find", "params.lr = '0.1'", ["r1", "r3"] },
        { "find", "params.lr != '0.1'", ["r2", "r4"] },
        { "find", "params.lr IN ('0.01', \"0.2\")", ["r2", "r4"] },
        { "find", "params.lr NOT IN ('0.1')", ["r2", "r4"] },
        { "find", "params.opt LIKE 'a%'", ["r1"] },
        { "find", "params.opt LIKE 'A%'", [] },
        { "find", "params.opt ILIKE 'A%'", ["r1"] },
        { "find", "params.opt != 'adam'", ["r2"] },
        { "find", "tags.owner = 'ana'", ["r1"] },
        { "find", "tags.owner ILIKE 'ana'", ["r1", "r4"] },
        { "find", "tags.`team/x` = 'it''s'", ["r3"] },
        { "find", "tags.team/x = \"it's\"", ["r3"] },
        { "find", "params.\"batch size\" = '32'", ["r3"] },
        { "find", "attributes.status = 'FINISHED'", ["r1", "r3"] },
        { "find", "attributes.status IN ('FAILED', 'RUNNING')", ["r2", "r4"] },
        { "find", "attributes.run_name LIKE 'g%'", ["r3"] },
        { "find", "attributes.run_id = 'r2'", ["r2"] },
        { "find", "attributes.parent_id = 'r1'", ["r3"] },
        { "find", "attributes.parent_id != ''", ["r3"] },
        { null, "attributes.experiment = 'other'", ["r5"] },
        { "find", $"attributes.start_time >= {FilterScenario.StartMs(3)}", ["r3", "r4"] },
        { "find", "attributes.start_time >= '2026-01-01T00:02:00Z'", ["r3", "r4"] },
        { "find", "attributes.end_time > 0", ["r1", "r2", "r3"] },
        { "find", "metrics.acc > 0.8 or params.lr = '0.1'", ["r1", "r2", "r3"] },
        { "find", "metrics.acc > 0.8 and params.lr = '0.1'", ["r1"] },
        { "find", "(metrics.acc > 0.8 or params.lr = '0.2') and tags.owner ILIKE 'ana'", ["r1", "r4"] },
        { "find", "metrics.acc > 0.8 or params.lr = '0.2' and tags.owner = 'nobody'", ["r1", "r2"] },
        { null, "tags.owner = 'ana' AND metrics.acc > 0.95", ["r5"] },
        // Injection attempts: each is a value or a key, never SQL.
        { "find", "params.lr = ''' OR ''1''=''1'", [] },
        { "find", "params.lr = '0.1\\'' OR 1=1 --'", [] },
        { "find", "params.`k') OR 1=1 --` = 'v'", ["r2"] },
        { "find", "tags.\"owner' OR '1'='1\" = 'ana'", [] },
        { "find", "params.lr IN ('x'')) OR 1=1 --')", [] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task ListRuns_Filter_MatchesMlflowSemantics(string? experiment, string filter, string[] expected)
    {
        await using var harness = await SeededAsync("filter_sets");

        var runs = await ListAsync(harness, experiment, filter);

        Assert.Equal(expected.Order(StringComparer.Ordinal), runs.Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "metrics.acc desc" }, new[] { "r1", "r2", "r4", "r3" })]
    [InlineData(new[] { "metrics.acc" }, new[] { "r2", "r1", "r4", "r3" })]
    [InlineData(new[] { "params.lr ASC", "metrics.loss DESC" }, new[] { "r2", "r3", "r1", "r4" })]
    [InlineData(new[] { "attributes.run_name" }, new[] { "r1", "r2", "r4", "r3" })]
    [InlineData(new[] { "attributes.end_time desc" }, new[] { "r3", "r2", "r1", "r4" })]
    [InlineData(new[] { "tags.owner desc" }, new[] { "r2", "r1", "r4", "r3" })]
    [InlineData(new string[0], new[] { "r4", "r3", "r2", "r1" })]
    public async Task ListRuns_OrderBy_SortsWithRunsWithoutTheFieldLast(string[] orderBy, string[] expected)
    {
        await using var harness = await SeededAsync("filter_order");

        var runs = await ListAsync(harness, "find", null, orderBy);

        Assert.Equal(expected, runs.Select(r => r.Id));
    }

    [Fact]
    public async Task ListRuns_LimitWithFilterAndOrder_AppliesAfterBoth()
    {
        await using var harness = await SeededAsync("filter_limit");

        var runs = await ListAsync(harness, "find", "params.lr != '0.2'", ["metrics.acc desc"], limit: 1);

        Assert.Equal(["r1"], runs.Select(r => r.Id));
    }

    [Fact]
    public async Task GetRun_SweepParent_ListsChildrenWithLatestMetrics()
    {
        await using var harness = await SeededAsync("filter_children");

        var parent = await harness.GetRunAsync("r1");
        var child = await harness.GetRunAsync("r3");

        var only = Assert.Single(parent!.Children);
        Assert.Equal(("r3", "gamma", "FINISHED", 0.5), (only.Id, only.Name, only.Status, only.Metrics["loss"]));
        Assert.Empty(child!.Children);
    }

    [Fact]
    public async Task Leaderboard_Runs_CarryTheirNames()
    {
        await using var harness = await SeededAsync("filter_leaderboard");

        var entries = await harness.Runs.LeaderboardAsync("find", "acc", descending: true, 10, Ct).WaitAsync(TestTimeouts.Default, Ct);

        Assert.Equal([("r1", "alpha"), ("r2", "beta")], entries.Entries.Select(e => (e.RunId, e.RunName)));
    }

    [Fact]
    public async Task ListExperiments_LastRunTime_IsTheNewestRunsStart()
    {
        await using var harness = await SeededAsync("filter_experiments");

        var experiments = await harness.Runs.ListExperimentsAsync(Ct).WaitAsync(TestTimeouts.Default, Ct);

        var find = Assert.Single(experiments, e => e.Name == "find");
        Assert.Equal((4L, DateTimeOffset.FromUnixTimeMilliseconds(FilterScenario.StartMs(4))), (find.Runs, find.LastRunTime));
    }

    private static async Task<IngestHarness> SeededAsync(string name)
    {
        var harness = await IngestHarness.StartAsync(name);
        await FilterScenario.SeedAsync(harness);
        return harness;
    }

    private static Task<IReadOnlyList<RunSummary>> ListAsync(IngestHarness harness, string? experiment, string? filter, string[]? orderBy = null, int limit = 100) =>
        harness.Runs.ListRunsAsync(experiment, limit, Ct, filter: FilterParser.Parse(filter), order: RunOrderParser.Parse(orderBy))
            .WaitAsync(TestTimeouts.Default, Ct);
}
