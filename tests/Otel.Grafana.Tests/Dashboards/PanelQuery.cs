using System.Text.Json;
using System.Text.Json.Nodes;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;
using Otel.Grafana.Tests.Harness;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>
/// One panel's query from a dashboard file, run on a store as Grafana sends it: the dashboard's variables substituted,
/// then the macros expanded for the last 30 days and the panel's width. For checks of what one panel shows over rows a
/// test wrote itself; every query in every scenario is the harness's every-query test.
/// </summary>
internal static class PanelQuery
{
    private static readonly TimeSpan s_range = TimeSpan.FromDays(30);

    /// <summary>The rows of the panel titled <paramref name="title"/> (its only target).</summary>
    public static async Task<List<JsonElement>> RunAsync(
        IClickHouseStore store, string dashboard, string title, IReadOnlyDictionary<string, IReadOnlyList<string>> variables)
    {
        var panel = Find(dashboard, title);
        var target = Assert.Single(panel["targets"]!.AsArray())!;
        var range = GrafanaTimeRange.Last(s_range, TimeProvider.System.GetUtcNow());
        var width = panel["gridPos"]!["w"]!.GetValue<int>();
        var sql = GrafanaMacros.Expand(
            TemplateVariables.Substitute(target["rawSql"]!.GetValue<string>(), variables), range, GrafanaInterval.ForPanel(range, width));
        var output = await store.QueryAsync(sql, "JSONEachRow").WaitAsync(TestTimeouts.Default);
        return JsonRows.Parse(output).ToList();
    }

    private static JsonNode Find(string dashboard, string title)
    {
        var model = JsonNode.Parse(RepositoryFiles.Read($"dashboards/{dashboard}"))!;
        var panels = model["panels"]!.AsArray().SelectMany(p => new[] { p! }.Concat(p!["panels"]?.AsArray().Select(n => n!) ?? []));
        return panels.SingleOrDefault(p => p["title"]?.GetValue<string>() == title)
            ?? throw new InvalidOperationException($"dashboards/{dashboard} has no panel titled '{title}'");
    }
}
