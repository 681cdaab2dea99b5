using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;
using Otel.Grafana.Tests.Harness;
using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>
/// One panel's query from dashboards/*.json, found by its title, run as Grafana sends it: for assertions on what a
/// particular panel shows, in a seeded scenario (through <see cref="DashboardQuery"/>) or on rows a test wrote itself.
/// </summary>
internal static class PanelQueries
{
    /// <summary>The panel titled <paramref name="title"/> in dashboards/<paramref name="file"/> (rows excluded).</summary>
    public static DashboardPanel Panel(string file, string title)
    {
        var panels = DashboardFiles.Get($"dashboards/{file}").Panels.Where(p => p.Title == title && p.Type != "row").ToList();
        Assert.True(panels.Count == 1, $"dashboards/{file} has {panels.Count} panels titled '{title}', not one");
        return panels[0];
    }

    /// <summary>Runs the panel's query in a seeded scenario, with the variables a user would set and the panel's interval.</summary>
    public static async Task<QueryResult> RunAsync(GrafanaScenarios scenarios, Scenario scenario, string file, string title, string refId = "A")
    {
        await scenarios.EnsureSeededAsync();
        var (_, result, _) = await DashboardQuery.RunAsync($"dashboards/{file}#{Panel(file, title).Id}/{refId}", scenarios, scenario)
            .WaitAsync(TestTimeouts.StoreOpen);
        return result;
    }

    /// <summary>Runs the panel's query on <paramref name="store"/> over <paramref name="range"/> with <paramref name="variables"/> set; one element per row.</summary>
    public static async Task<IReadOnlyList<JsonElement>> RunAsync(
        IClickHouseStore store, string file, string title, GrafanaTimeRange range,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? variables = null, string refId = "A")
    {
        var rawSql = Panel(file, title).Targets.Single(t => t.RefId == refId).RawSql!;
        var sql = TemplateVariables.Substitute(rawSql, variables ?? new Dictionary<string, IReadOnlyList<string>>());
        var expanded = GrafanaMacros.Expand(sql, range, TimeSpan.FromMinutes(1));
        return JsonRows.Parse(await store.QueryAsync(expanded, "JSONEachRow").WaitAsync(TestTimeouts.Default)).ToList();
    }
}
