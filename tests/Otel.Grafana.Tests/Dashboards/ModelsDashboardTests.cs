using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;
using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Dashboards;

public sealed class ModelsDashboardTests(GrafanaScenarios scenarios)
{
    private const string Dashboard = "models.json";

    [Fact]
    public async Task AuditEntries_TheModelsChain_WithoutRowsAVoidedTermWrote()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(AuditEntries_TheModelsChain_WithoutRowsAVoidedTermWrote),
            TestContext.Current.CancellationToken);
        // Term 2 starts at Seq 3, so term 1's late row at Seq 3 is void (docs/audit.md); 'other' and 'mx' are other models.
        await ExperimentRows.ExecuteAsync(store, """
            INSERT INTO ml_audit_log (Seq, Term, EntryId, Time, Actor, Action, Target, Details, PrevHash, Hash, SequencedBy) VALUES
                (1, 1, 'e1', now64(3) - 60, 'ana', 'model.register', 'model:m/1', '{}', '', 'h1', 'c1'),
                (2, 1, 'e2', now64(3) - 50, 'ana', 'alias.move', 'model:m@champion', '{}', 'h1', 'h2', 'c1'),
                (3, 1, 'e3', now64(3) - 40, 'ana', 'gate.set', 'model:m@champion', '{}', 'h2', 'h3x', 'c1'),
                (3, 2, 'e4', now64(3) - 30, 'bob', 'approval.approve', 'model:m/1', '{}', 'h2', 'h3', 'c2'),
                (4, 2, 'e5', now64(3) - 20, 'ana', 'model.register', 'model:other/1', '{}', 'h3', 'h4', 'c2'),
                (5, 2, 'e6', now64(3) - 10, 'ana', 'slo.apply', 'slo:m-availability', '{"definition":{"model":"m"}}', 'h4', 'h5', 'c2'),
                (6, 2, 'e7', now64(3) - 5, 'ana', 'model.register', 'model:mx/1', '{}', 'h5', 'h6', 'c2')
            """);

        var rows = await PanelQueries.RunAsync(store, Dashboard, "Audit entries", ExperimentRows.LastMonth, Variables("1"));

        Assert.Equal(["5 slo.apply", "3 approval.approve", "2 alias.move", "1 model.register"],
            rows.Select(r => $"{r.Int64("seq")} {r.String("action")}"));
    }

    [Fact]
    public async Task Versions_NewestRowPerVersion_WithAliasesNowApprovalsAndLastPromotion()
    {
        await using var store = await TestStores.CreateEmbeddedAsync(nameof(Versions_NewestRowPerVersion_WithAliasesNowApprovalsAndLastPromotion),
            TestContext.Current.CancellationToken);
        await ExperimentRows.RunAsync(store, "r1", "exp", "first", "FINISHED");
        await ExperimentRows.RunAsync(store, "r2", "exp", "second", "FINISHED");
        await ExperimentRows.ExecuteAsync(store, """
            INSERT INTO ml_model_versions (Name, Version, RunId, Experiment, Archived, CreatedBy, CreatedAt, UpdatedAt) VALUES
                ('m', 1, 'r1', 'exp', 0, 'ana', now64(3) - 100, now64(3) - 100),
                ('m', 2, 'r2', 'exp', 0, 'ana', now64(3) - 90, now64(3) - 90),
                ('m', 2, 'r2', 'exp', 1, 'ana', now64(3) - 90, now64(3) - 10),
                ('other', 1, 'r1', 'exp', 0, 'ana', now64(3) - 100, now64(3) - 100)
            """);
        await ExperimentRows.ExecuteAsync(store, """
            INSERT INTO ml_model_alias_moves VALUES
                ('m', 'champion', 1, 0, now64(3) - 80, 'ana', 'promote', ''),
                ('m', 'staging', 1, 0, now64(3) - 79, 'ana', 'set', ''),
                ('m', 'champion', 2, 1, now64(3) - 40, 'ana', 'promote', ''),
                ('m', 'staging', 0, 1, now64(3) - 39, 'ana', 'delete', '')
            """);
        await ExperimentRows.ExecuteAsync(store, """
            INSERT INTO ml_model_approvals VALUES
                ('m', 2, 'champion', 'approve', 'bob', '', now64(3) - 70, ''),
                ('m', 2, 'champion', 'approve', 'eve', '', now64(3) - 69, ''),
                ('m', 2, 'champion', 'reject', 'dan', '', now64(3) - 68, '')
            """);
        await ExperimentRows.ExecuteAsync(store, """
            INSERT INTO ml_model_promotions VALUES
                ('m', 2, 'champion', 1, 0, 0, 'ana', now64(3) - 60, '[{"gate":"min_approvals","passed":false,"detail":"1 of 2"}]', ''),
                ('m', 2, 'champion', 1, 1, 0, 'ana', now64(3) - 40,
                 '[{"gate":"min_approvals","passed":true,"detail":"2 of 2"},{"gate":"clean_tree","passed":true,"detail":""}]', '')
            """);

        var rows = await PanelQueries.RunAsync(store, Dashboard, "Versions", ExperimentRows.LastMonth, Variables("2"));

        Assert.Equal(["2", "1"], rows.Select(r => r.String("version")));
        var (second, first) = (rows[0], rows[1]);
        Assert.Equal(("second", "champion", "2 / 1", "promoted", "✓ min_approvals  ✓ clean_tree", "archived"),
            (second.String("run"), second.String("aliases"), second.String("approvals"), second.String("last_promotion"), second.String("gates"),
             second.String("archived")));
        Assert.Equal(("first", "", "0 / 0", ""), (first.String("run"), first.String("aliases"), first.String("approvals"), first.String("last_promotion")));
    }

    [Fact]
    public async Task SeededRegistry_Versions_LinkEachVersionToItsRun_AndTheChampion()
    {
        var names = scenarios.Names;

        var result = await PanelQueries.RunAsync(scenarios, Scenario.Healthy, Dashboard, "Versions");

        var byVersion = result.Rows.ToDictionary(r => QueryResult.Text(r["version"]));
        Assert.Equal(names.BestRunId, QueryResult.Text(byVersion[$"{names.Version}"]["run_id"]));
        Assert.Contains(names.Alias, QueryResult.Text(byVersion[$"{names.Version}"]["aliases"]));
        Assert.Equal(names.PreviousRunId, QueryResult.Text(byVersion[$"{names.PreviousVersion}"]["run_id"]));
    }

    private static Dictionary<string, IReadOnlyList<string>> Variables(string version) => new()
    {
        ["model"] = ["m"],
        ["version"] = [version],
    };
}
