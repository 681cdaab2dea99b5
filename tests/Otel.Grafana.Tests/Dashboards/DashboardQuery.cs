using Otel.Grafana.Tests.Harness;
using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>
/// One query of a dashboard as Grafana runs it for a user who opened the dashboard on the last 6 hours: variables set
/// for the scenario (<see cref="DashboardVariableValues"/>), <c>$__conditionalAll</c> and variables substituted, the
/// browser's global variables and the plugin's macros expanded with the panel's interval, then run.
/// </summary>
internal static class DashboardQuery
{
    /// <summary>The range a user looks at: the 6 hours up to the moment seeding ended.</summary>
    public static GrafanaTimeRange Range(GrafanaScenarios scenarios) => GrafanaTimeRange.Last(TimeSpan.FromHours(6), scenarios.SeededAt);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, Scenario), Lazy<Task<Dictionary<string, IReadOnlyList<string>>>>> s_values = new();

    /// <summary>A key naming one query in test output and theory data: <c>file#panelId/refId</c>, or <c>file#variable:name</c>, <c>file#annotation:name</c>.</summary>
    public static IEnumerable<string> Keys(GrafanaDashboard dashboard) =>
    [
        .. dashboard.Panels.SelectMany(p => p.Targets.Where(t => !string.IsNullOrWhiteSpace(t.RawSql)).Select(t => $"{dashboard.File}#{p.Id}/{t.RefId}")),
        .. dashboard.Variables.Where(v => v.IsSqlQuery).Select(v => $"{dashboard.File}#variable:{v.Name}"),
        .. dashboard.Annotations.Select(a => $"{dashboard.File}#annotation:{a.Name}"),
    ];

    public static async Task<(string Sql, QueryResult Result, int Format)> RunAsync(string key, GrafanaScenarios scenarios, Scenario scenario)
    {
        var (file, rest) = (key[..key.IndexOf('#', StringComparison.Ordinal)], key[(key.IndexOf('#', StringComparison.Ordinal) + 1)..]);
        var dashboard = DashboardFiles.Get(file);
        await scenarios.EnsureSeededAsync();
        var range = Range(scenarios);
        var resolved = s_values.GetOrAdd((file, scenario), _ => new(() => DashboardVariableValues.ResolveAsync(dashboard, scenarios, scenario, range)));
        var values = new Dictionary<string, IReadOnlyList<string>>(await resolved.Value, StringComparer.Ordinal);
        var (rawSql, format, width, repeat) = Find(dashboard, rest);
        if (repeat is not null && values.TryGetValue(repeat, out var repeated) && repeated.Count > 0)
        {
            // A repeated panel is drawn once per value, each with that one value.
            values[repeat] = [repeated[0]];
        }

        var multi = repeat is null ? DashboardVariableValues.MultiValued(dashboard) : DashboardVariableValues.MultiValued(dashboard).Where(n => n != repeat).ToHashSet();
        var sql = GrafanaMacros.Expand(TemplateVariables.Substitute(rawSql, values, multi), range, GrafanaInterval.ForPanel(range, width));
        return (sql, await scenarios.QueryAsync(scenario, sql), format);
    }

    private static (string RawSql, int Format, int Width, string? Repeat) Find(GrafanaDashboard dashboard, string key)
    {
        if (key.StartsWith("variable:", StringComparison.Ordinal))
        {
            return (dashboard.Variable(key["variable:".Length..])!.Query!, 1, 24, null);
        }

        if (key.StartsWith("annotation:", StringComparison.Ordinal))
        {
            var annotation = dashboard.Annotations.First(a => a.Name == key["annotation:".Length..]);
            return (annotation.Target.RawSql!, annotation.Target.Format, 24, null);
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var id = int.Parse(key[..slash], System.Globalization.CultureInfo.InvariantCulture);
        var panel = dashboard.Panels.First(p => p.Id == id);
        var target = panel.Targets.First(t => t.RefId == key[(slash + 1)..]);
        return (target.RawSql!, target.Format, panel.GridPos.W, panel.Repeat);
    }
}
