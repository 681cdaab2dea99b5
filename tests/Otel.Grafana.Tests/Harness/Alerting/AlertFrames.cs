using Otel.Grafana.Tests.Harness.Scenarios;

namespace Otel.Grafana.Tests.Harness.Alerting;

/// <summary>
/// A query's rows as Grafana alerting reads them from this data source: a table gives one instance per row, labelled
/// by its other columns, valued by its one numeric column (two numeric columns, or two rows with the same labels, are
/// errors Grafana reports too); a time series (format 0 with a time column) gives one series per label set and
/// numeric column, as the plugin's long-to-wide conversion does.
/// </summary>
internal static class AlertFrames
{
    public static IReadOnlyList<AlertValue> From(QueryResult result, int format, string refId)
    {
        var numeric = result.Columns.Where(c => c.IsNumeric).ToList();
        var time = result.Columns.FirstOrDefault(c => c.IsTime);
        var labels = result.Columns.Where(c => !c.IsNumeric && c != time).ToList();
        if (numeric.Count == 0)
        {
            throw new GrafanaQueryException($"{refId}: the query returns no numeric column ({Describe(result)}); Grafana alerting needs one");
        }

        if (format == 0 && time is not null)
        {
            return [.. result.Rows
                .GroupBy(r => string.Join('\u0001', labels.Select(l => QueryResult.Text(r[l.Name]))))
                .SelectMany(group => numeric.Select(n => new AlertValue(
                    Labels(group.First(), labels, numeric.Count > 1 ? n.Name : null),
                    null,
                    [.. group.Select(r => (DateTimeOffset.Parse(QueryResult.Text(r[time.Name]), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal), Value(r[n.Name])))
                        .OrderBy(p => p.Item1)])))];
        }

        if (numeric.Count > 1)
        {
            throw new GrafanaQueryException($"{refId}: a table for alerting needs exactly one numeric column, this one has {numeric.Count} ({Describe(result)}); every other column is a label");
        }

        var labelColumns = result.Columns.Where(c => c != numeric[0]).ToList();
        var instances = result.Rows.Select(r => new AlertValue(Labels(r, labelColumns, null), Value(r[numeric[0].Name]))).ToList();
        var duplicate = instances.GroupBy(i => i.LabelText).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new GrafanaQueryException($"{refId}: two rows have the labels {duplicate.Key}; Grafana needs a unique label set per row");
        }

        return instances;
    }

    private static Dictionary<string, string> Labels(IReadOnlyDictionary<string, System.Text.Json.JsonElement> row, IEnumerable<QueryColumn> columns, string? field)
    {
        var labels = columns.ToDictionary(c => c.Name, c => QueryResult.Text(row[c.Name]), StringComparer.Ordinal);
        if (field is not null)
        {
            labels["__field__"] = field;
        }

        return labels;
    }

    private static double? Value(System.Text.Json.JsonElement value) =>
        value.ValueKind == System.Text.Json.JsonValueKind.Null ? null : QueryResult.Number(value);

    private static string Describe(QueryResult result) => string.Join(", ", result.Columns.Select(c => $"{c.Name} {c.Type}"));
}
