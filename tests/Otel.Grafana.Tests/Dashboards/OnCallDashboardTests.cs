using System.Globalization;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;
using Otel.Grafana.Tests.Harness;
using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>
/// The on-call dashboard in the seeded scenarios, and its M12 (time to root cause, docs/dashboards.md): from a page
/// episode's start in ml_slo_status to the first audited response on its model, or a reproduction of one of its
/// versions' runs.
/// </summary>
public sealed class OnCallDashboardTests(GrafanaScenarios scenarios)
{
    private const string File = "oncall.json";
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();
    private static readonly DateTimeOffset Paged = new DateTimeOffset(Now.Year, Now.Month, Now.Day, Now.Hour, Now.Minute, 0, TimeSpan.Zero) - TimeSpan.FromHours(2);
    private static readonly GrafanaTimeRange Range = GrafanaTimeRange.Last(TimeSpan.FromHours(6), Now);

    [Fact]
    public async Task TimeToRootCause_PagesWithResponses_MeasureEachPageToItsModelsFirstResponse()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(OnCallDashboardTests), TestContext.Current.CancellationToken);
        await SeedAsync(store);

        var episodes = (await PanelQueries.RunAsync(store, File, "Pages and first responses (M12)", Range))
            .ToDictionary(r => r.String("Model"));

        Assert.Equal(new[] { "churn", "fraud", "spam" }, episodes.Keys.Order(StringComparer.Ordinal));
        // churn: the rollback 20 minutes after the page, not the move before it, the approval or another model's move.
        Assert.Equal(1200, episodes["churn"].GetProperty("Time to root cause").GetDouble(), 3);
        Assert.Contains("alias.move model:churn@production", episodes["churn"].String("Response"), StringComparison.Ordinal);
        // fraud: nobody touched the registry, but a run reproducing the version's run started 10 minutes in.
        Assert.Equal(600, episodes["fraud"].GetProperty("Time to root cause").GetDouble(), 3);
        Assert.Contains("reproduced run run-fraud-1", episodes["fraud"].String("Response"), StringComparison.Ordinal);
        // spam: still open.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, episodes["spam"].GetProperty("Time to root cause").ValueKind);

        var stat = Assert.Single(await PanelQueries.RunAsync(store, File, "Time to root cause (M12)", Range));
        Assert.Equal(900, stat.GetProperty("median").GetDouble(), 3);
        Assert.Equal(1, stat.Int64("open pages"));
        Assert.Equal(3, stat.Int64("pages"));
    }

    [Fact]
    public async Task TimeToRootCause_PageThatContinues_IsOneEpisodeFromItsFirstEvaluation()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(OnCallDashboardTests), TestContext.Current.CancellationToken);
        await SeedAsync(store);

        // churn's SLO stays at page for three evaluations, then recovers: one episode, counted from the first.
        var churn = (await PanelQueries.RunAsync(store, File, "Pages and first responses (M12)", Range))
            .Where(r => r.String("Model") == "churn").ToList();

        var episode = Assert.Single(churn);
        Assert.Equal(Text(Paged), episode.String("Paged")[..19]);
    }

    [Fact]
    public async Task SloBurn_Burning_PagesComeFirst()
    {
        var rows = (await PanelQueries.RunAsync(scenarios, Scenario.Burning, File, "SLO burn across models, worst first")).Rows;

        Assert.Equal("page", QueryResult.Text(rows[0]["Alert"]));
        Assert.Equal(scenarios.Names.Model, QueryResult.Text(rows[0]["Model"]));
    }

    [Theory]
    [InlineData(Scenario.Drifted, 1)]
    [InlineData(Scenario.Healthy, 0)]
    public async Task ActiveDrift_Scenario_ListsOnlyTheShiftedFeature(Scenario scenario, int expected)
    {
        var rows = (await PanelQueries.RunAsync(scenarios, scenario, File, "Active drift")).Rows;

        Assert.Equal(expected, rows.Count);
        Assert.All(rows, r => Assert.Equal(scenarios.Names.DriftedFeature, QueryResult.Text(r["Feature"])));
    }

    [Fact]
    public async Task LostAndFailedRuns_Failing_ListsEveryOne()
    {
        var rows = (await PanelQueries.RunAsync(scenarios, Scenario.Failing, File, "LOST and failed runs")).Rows;

        // Every seeded failure is there (a RUNNING run of the scenario may go LOST too, as time passes), and nothing else.
        var listed = rows.Select(r => QueryResult.Text(r["Run"])).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(listed, scenarios.Names.FailedRunIds.Concat(scenarios.Names.LostRunIds).ToHashSet(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Contains(QueryResult.Text(r["Status"]), new[] { "FAILED", "LOST" }));
    }

    [Fact]
    public async Task RunToModel_Healthy_TheServingVersionAndItsRun()
    {
        var row = Assert.Single((await PanelQueries.RunAsync(scenarios, Scenario.Healthy, File, "Run → model mapping")).Rows);

        Assert.Equal(scenarios.Names.BestRunId, QueryResult.Text(row["Training run"]));
        Assert.Equal("FINISHED", QueryResult.Text(row["Run status"]));
    }

    private static async Task SeedAsync(IClickHouseStore store)
    {
        var slo = new List<string>();
        void Evaluation(string name, string model, TimeSpan at, string alert) =>
            slo.Add($"('{name}', toDateTime('{Text(Paged + at)}', 'UTC'), '{model}', 'availability', 0.999, '{alert}')");
        Evaluation("churn-availability", "churn", TimeSpan.FromMinutes(-1), "ticket");
        Evaluation("churn-availability", "churn", TimeSpan.Zero, "page");
        Evaluation("churn-availability", "churn", TimeSpan.FromMinutes(1), "page");
        Evaluation("churn-availability", "churn", TimeSpan.FromMinutes(2), "page");
        Evaluation("churn-availability", "churn", TimeSpan.FromMinutes(30), "none");
        Evaluation("fraud-availability", "fraud", TimeSpan.Zero, "page");
        Evaluation("spam-availability", "spam", TimeSpan.FromMinutes(-5), "none");
        Evaluation("spam-availability", "spam", TimeSpan.Zero, "page");
        await Execute(store, "INSERT INTO ml_slo_status (Name, EvaluatedAt, Model, Kind, Objective, Alert) VALUES " + string.Join(", ", slo));

        var audit = new List<string>();
        void Audit(int seq, TimeSpan at, string action, string target) =>
            audit.Add($"({seq}, 1, 'e{seq}', toDateTime64('{Text(Paged + at)}', 3, 'UTC'), 'oncall', '{action}', '{target}', '{{}}', '', '', 'test')");
        Audit(1, TimeSpan.FromMinutes(-30), "alias.move", "model:churn@production");
        Audit(2, TimeSpan.FromMinutes(5), "approval.approve", "model:churn/4");
        Audit(3, TimeSpan.FromMinutes(1), "alias.move", "model:churn-v2@production");
        Audit(4, TimeSpan.FromMinutes(20), "alias.move", "model:churn@production");
        Audit(5, TimeSpan.FromMinutes(25), "alias.move", "model:churn@production");
        await Execute(store, "INSERT INTO ml_audit_log (Seq, Term, EntryId, Time, Actor, Action, Target, Details, PrevHash, Hash, SequencedBy) VALUES "
            + string.Join(", ", audit));

        await Execute(store, $"""
            INSERT INTO ml_model_versions (Name, Version, RunId, Experiment, CreatedAt, UpdatedAt)
            VALUES ('fraud', 1, 'run-fraud-1', 'fraud', toDateTime64('{Text(Paged - TimeSpan.FromDays(1))}', 3, 'UTC'), toDateTime64('{Text(Paged - TimeSpan.FromDays(1))}', 3, 'UTC'))
            """);
        await Execute(store, $"""
            INSERT INTO ml_runs (RunId, Experiment, RunName, Status, StartTime, ReceivedAt, Version, Reproduces)
            VALUES ('run-fraud-1-again', 'fraud', 'again', 'RUNNING', toDateTime64('{Text(Paged + TimeSpan.FromMinutes(10))}', 9, 'UTC'),
                    toDateTime64('{Text(Paged + TimeSpan.FromMinutes(10))}', 3, 'UTC'), 1, 'run-fraud-1')
            """);
    }

    private static Task Execute(IClickHouseStore store, string sql) => store.ExecuteAsync(sql).WaitAsync(TestTimeouts.Default);

    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
