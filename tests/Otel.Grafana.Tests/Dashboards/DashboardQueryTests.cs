using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Dashboards;

/// <summary>
/// Every panel query, variable query and annotation query of every dashboard, expanded as Grafana sends it
/// (<see cref="DashboardQuery"/>) and run in every scenario: it must run, return the shape its format needs, and
/// show something in at least one scenario. Theories over the files found: a new dashboard needs no edit here.
/// </summary>
public sealed class DashboardQueryTests(GrafanaScenarios scenarios)
{
    public static TheoryData<string, Scenario> QueriesInScenarios()
    {
        var data = new TheoryData<string, Scenario>();
        foreach (var key in DashboardFiles.All.SelectMany(DashboardQuery.Keys))
        {
            foreach (var scenario in Enum.GetValues<Scenario>())
            {
                data.Add(key, scenario);
            }
        }

        return data;
    }

    public static TheoryData<string> Queries() => [.. DashboardFiles.All.SelectMany(DashboardQuery.Keys)];

    [Theory]
    [MemberData(nameof(QueriesInScenarios))]
    public async Task Query_InScenario_RunsAndHasTheShapeItsFormatNeeds(string query, Scenario scenario)
    {
        var (sql, result, format) = await DashboardQuery.RunAsync(query, scenarios, scenario);

        Assert.True(result.Columns.Count > 0, $"{query} returned no columns:\n{sql}");
        if (format == 0 && !query.Contains("#variable:", StringComparison.Ordinal))
        {
            // Time series: Grafana needs a time column and at least one number; text columns become labels.
            Assert.True(result.Columns.Any(c => c.IsTime), $"{query} is a time series (format 0) without a DateTime column: {Describe(result)}\n{sql}");
            Assert.True(result.Columns.Any(c => c.IsNumeric), $"{query} is a time series (format 0) without a numeric column: {Describe(result)}\n{sql}");
        }
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Query_InTheScenarios_ShowsSomethingSomewhere(string query)
    {
        var counts = new Dictionary<Scenario, int>();
        foreach (var scenario in Enum.GetValues<Scenario>())
        {
            counts[scenario] = (await DashboardQuery.RunAsync(query, scenarios, scenario)).Result.Rows.Count;
        }

        Assert.True(counts.Values.Any(c => c > 0), $"{query} returned no rows in any scenario ({string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}): a panel that never shows anything tests nothing");
    }

    private static string Describe(QueryResult result) => string.Join(", ", result.Columns.Select(c => $"{c.Name} {c.Type}"));
}
