using System.Globalization;
using Otel.Grafana.Tests.Harness;
using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>
/// A dashboard's variables set as a user would set them in one scenario, in declaration order (a variable's query
/// may use the ones before it): a query variable runs its SQL and takes the seeded value it names when it offers one
/// (<see cref="ScenarioNames"/>: the best run, the champion, the drifted feature…), else its first value, or all of
/// them when it is set to All; other variables keep their current value or first option.
/// </summary>
internal static class DashboardVariableValues
{
    public static async Task<Dictionary<string, IReadOnlyList<string>>> ResolveAsync(
        GrafanaDashboard dashboard, GrafanaScenarios scenarios, Scenario scenario, GrafanaTimeRange range)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var variable in dashboard.Variables)
        {
            values[variable.Name] = variable.IsSqlQuery
                ? Choose(variable, await QueryAsync(dashboard, variable, values, scenarios, scenario, range), scenarios.Names)
                : Fixed(variable);
        }

        return values;
    }

    /// <summary>The values a query variable offers (Grafana's convention: first column the value; two columns are value then text).</summary>
    public static async Task<IReadOnlyList<string>> QueryAsync(
        GrafanaDashboard dashboard, DashboardVariable variable, IReadOnlyDictionary<string, IReadOnlyList<string>> earlier,
        GrafanaScenarios scenarios, Scenario scenario, GrafanaTimeRange range)
    {
        var sql = GrafanaMacros.Expand(TemplateVariables.Substitute(variable.Query!, earlier, MultiValued(dashboard)), range, GrafanaInterval.ForPanel(range, 24));
        var result = await scenarios.QueryAsync(scenario, sql);
        if (result.Columns.Count == 0)
        {
            return [];
        }

        var valueColumn = result.Columns[0].Name;
        return [.. result.Rows.Select(r => QueryResult.Text(r[valueColumn])).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The variables Grafana formats as lists (multi-value or All), whatever their number of values.</summary>
    public static IReadOnlySet<string> MultiValued(GrafanaDashboard dashboard) =>
        dashboard.Variables.Where(v => v.Multi || v.IncludeAll).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The seeded value each usual variable name should take, in order of preference.</summary>
    public static IReadOnlyList<string> Preferred(string variable, ScenarioNames names) => variable switch
    {
        "experiment" => [names.Experiment],
        "run_id" or "run" => [names.BestRunId],
        "run_ids" or "runs" => [names.BestRunId, names.PreviousRunId],
        "model" => [names.Model],
        "version" => [names.Version.ToString(CultureInfo.InvariantCulture)],
        "feature" => [names.DriftedFeature],
        "metric" or "key" => ["val_accuracy", "accuracy"],
        "service" => [names.Service],
        "alias" => [names.Alias],
        _ => [],
    };

    private static IReadOnlyList<string> Choose(DashboardVariable variable, IReadOnlyList<string> offered, ScenarioNames names)
    {
        if (variable.CurrentIsAll && variable.IncludeAll)
        {
            return variable.AllValue is { Length: > 0 } all ? [all] : offered;
        }

        var preferred = Preferred(variable.Name, names).Where(offered.Contains).ToList();
        if (preferred.Count > 0)
        {
            return variable.Multi ? preferred : [preferred[0]];
        }

        return offered.Count > 0 ? [offered[0]] : Preferred(variable.Name, names).Take(1).ToList() is { Count: > 0 } fallback ? fallback : [""];
    }

    private static IReadOnlyList<string> Fixed(DashboardVariable variable) =>
        variable.Current.Count > 0 && !variable.CurrentIsAll ? variable.Current
        : variable.CurrentIsAll && variable.Options.Count > 0 ? [.. variable.Options.Where(o => o != "$__all")]
        : variable.Options.Count > 0 ? [variable.Options[0]]
        : [variable.Query ?? ""];
}
