using Otel.Grafana.Tests.Harness;
using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>One panel's query run in a seeded scenario as Grafana sends it (variables, then macros, over the last 6 hours).</summary>
internal static class ScenarioPanels
{
    public static Task<QueryResult> RunAsync(GrafanaScenarios scenarios, Scenario scenario, string file, string title,
        IReadOnlyDictionary<string, IReadOnlyList<string>> variables)
    {
        var range = GrafanaTimeRange.Last(TimeSpan.FromHours(6), TimeProvider.System.GetUtcNow());
        var sql = GrafanaMacros.Expand(TemplateVariables.Substitute(PanelQueries.RawSql(file, title), variables), range, TimeSpan.FromMinutes(1));
        return scenarios.QueryAsync(scenario, sql);
    }
}
