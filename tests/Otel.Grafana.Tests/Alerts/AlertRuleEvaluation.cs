using Otel.Collector.ClickHouse;
using Otel.Collector.Tests.Infrastructure;
using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Alerts;

/// <summary>
/// Evaluates a rule as Grafana does on this data source: its SQL returns a table; exactly one column is numeric and
/// every other column is a label, each row one alert instance with a unique label set; the threshold condition then
/// decides which instances fire. A null value is no data for its instance (never firing).
/// </summary>
internal static class AlertRuleEvaluation
{
    public static async Task<IReadOnlyList<AlertInstance>> InstancesAsync(IClickHouseStore store, AlertRule rule, CancellationToken cancellationToken) =>
        Instances(rule, QueryResult.Parse(await store.QueryAsync(rule.SqlQuery.RawSql!, "JSON", cancellationToken: cancellationToken)
            .WaitAsync(TestTimeouts.Default, cancellationToken)));

    public static async Task<IReadOnlyList<AlertInstance>> FiringAsync(IClickHouseStore store, AlertRule rule, CancellationToken cancellationToken) =>
        Firing(rule, await InstancesAsync(store, rule, cancellationToken));

    public static IReadOnlyList<AlertInstance> Instances(AlertRule rule, QueryResult result)
    {
        var numeric = result.Columns.Where(column => column.IsNumeric).ToList();
        Assert.True(numeric.Count == 1, $"{rule.Uid}: Grafana alerting needs exactly one numeric column, the query returns {string.Join(", ", result.Columns)}");
        var value = numeric[0].Name;
        var instances = result.Rows.Select(row => new AlertInstance(
            row.Where(cell => cell.Key != value).ToDictionary(cell => cell.Key, cell => QueryResult.Text(cell.Value)),
            row[value].ValueKind == System.Text.Json.JsonValueKind.Null ? null : QueryResult.Number(row[value]))).ToList();

        var labelSets = instances.Select(instance => string.Join('\u0001', instance.Labels.OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => label.Key + "=" + label.Value))).ToList();
        Assert.True(labelSets.Count == labelSets.Distinct().Count(), $"{rule.Uid}: two rows have the same labels, which Grafana refuses");
        return instances;
    }

    public static IReadOnlyList<AlertInstance> Firing(AlertRule rule, IReadOnlyList<AlertInstance> instances)
    {
        var threshold = rule.ConditionQuery.Threshold;
        return [.. instances.Where(instance => instance.Value is { } number && threshold.Fires(number))];
    }
}
