using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Otel.Collector.ClickHouse;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Grafana.Tests.Alerts;

/// <summary>
/// Evaluates a rule as Grafana does on this data source: its SQL returns a table; exactly one column is numeric and
/// every other column is a label, each row one alert instance with a unique label set; the threshold condition then
/// decides which instances fire. A null value is no data for its instance (never firing).
/// </summary>
internal static partial class AlertRuleEvaluation
{
    public static async Task<IReadOnlyList<AlertInstance>> InstancesAsync(IClickHouseStore store, AlertRule rule, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(await store.QueryAsync(rule.SqlQuery.RawSql!, "JSONCompactEachRowWithNamesAndTypes", cancellationToken: cancellationToken)
            .WaitAsync(TestTimeouts.Default, cancellationToken));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var names = JsonSerializer.Deserialize<string[]>(lines[0])!;
        var types = JsonSerializer.Deserialize<string[]>(lines[1])!;
        var numeric = Enumerable.Range(0, types.Length).Where(column => NumericType().IsMatch(types[column])).ToList();
        Assert.True(numeric.Count == 1, $"{rule.Uid}: Grafana alerting needs exactly one numeric column, the query returns {string.Join(", ", names.Zip(types, (name, type) => $"{name} {type}"))}");

        var instances = lines.Skip(2).Select(line =>
        {
            var cells = JsonDocument.Parse(line).RootElement.EnumerateArray().ToList();
            var labels = Enumerable.Range(0, names.Length).Where(column => column != numeric[0]).ToDictionary(column => names[column], column => Text(cells[column]));
            return new AlertInstance(labels, Number(cells[numeric[0]]));
        }).ToList();

        var labelSets = instances.Select(instance => string.Join('\u0001', instance.Labels.OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => label.Key + "=" + label.Value))).ToList();
        Assert.True(labelSets.Count == labelSets.Distinct().Count(), $"{rule.Uid}: two rows have the same labels, which Grafana refuses");
        return instances;
    }

    public static async Task<IReadOnlyList<AlertInstance>> FiringAsync(IClickHouseStore store, AlertRule rule, CancellationToken cancellationToken)
    {
        var threshold = rule.ConditionQuery.Threshold;
        return [.. (await InstancesAsync(store, rule, cancellationToken)).Where(instance => instance.Value is { } value && threshold.Fires(value))];
    }

    private static string Text(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.String => cell.GetString()!,
        JsonValueKind.Null => "",
        _ => cell.GetRawText(),
    };

    private static double? Number(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.Number => cell.GetDouble(),
        JsonValueKind.String => double.Parse(cell.GetString()!, CultureInfo.InvariantCulture),
        _ => null,
    };

    [GeneratedRegex(@"^(Nullable\()?(U?Int\d+|Float\d+|Decimal)")]
    private static partial Regex NumericType();
}
