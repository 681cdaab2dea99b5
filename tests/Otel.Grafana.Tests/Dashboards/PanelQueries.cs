using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;
using Otel.Grafana.Tests.Harness;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>
/// One panel's query from dashboards/*.json, found by its title, expanded as Grafana sends it (variables, then the
/// plugin's macros) and run on a store: for assertions on what a particular panel shows.
/// </summary>
internal static class PanelQueries
{
    /// <summary>The raw SQL of the panel titled <paramref name="title"/> in <paramref name="file"/> (its target <paramref name="refId"/>).</summary>
    public static string RawSql(string file, string title, string refId = "A")
    {
        using var json = JsonDocument.Parse(RepositoryFiles.Read(Path.Combine("dashboards", file)));
        var panel = json.RootElement.GetProperty("panels").EnumerateArray()
            .SingleOrDefault(p => p.TryGetProperty("title", out var t) && t.GetString() == title);
        Assert.True(panel.ValueKind == JsonValueKind.Object, $"{file} has no panel titled '{title}'");
        var target = panel.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("refId").GetString() == refId);
        return target.GetProperty("rawSql").GetString()!;
    }

    /// <summary>Runs the panel's query over <paramref name="range"/> with <paramref name="variables"/> set; one element per row.</summary>
    public static async Task<IReadOnlyList<JsonElement>> RunAsync(
        IClickHouseStore store, string file, string title, GrafanaTimeRange range,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? variables = null, string refId = "A")
    {
        var sql = TemplateVariables.Substitute(RawSql(file, title, refId), variables ?? new Dictionary<string, IReadOnlyList<string>>());
        var expanded = GrafanaMacros.Expand(sql, range, TimeSpan.FromMinutes(1));
        return JsonRows.Parse(await store.QueryAsync(expanded, "JSONEachRow").WaitAsync(TestTimeouts.Default)).ToList();
    }
}
