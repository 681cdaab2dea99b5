using Otel.Collector.ClickHouse;

namespace Otel.Collector.Query.RunFilter;

/// <summary>
/// Compiles a filter to a WHERE fragment over the runs query (columns RunId, Status, RunName, Experiment, StartTime,
/// EndTime). Every key and value is a query parameter; the SQL text holds only this class's own words and the
/// comparators' fixed spellings. Metrics, params and tags become <c>RunId IN (subquery)</c>, so that a run without the
/// key matches no comparison on it (MLflow's semantics, also for <c>!=</c> and <c>NOT IN</c>); a metric compares its
/// latest value (by step, then time), as MLflow does.
/// </summary>
internal sealed class FilterSqlCompiler
{
    private readonly QueryParameters _parameters;
    private readonly string _prefix;
    private int _count;

    private FilterSqlCompiler(QueryParameters parameters, string prefix)
    {
        _parameters = parameters;
        _prefix = prefix;
    }

    /// <summary>The fragment for <paramref name="filter"/> (<c>1</c> for none), adding its values to <paramref name="parameters"/> as <c>{prefix}N</c>.</summary>
    public static string Compile(FilterNode? filter, QueryParameters parameters, string prefix = "filter_") =>
        filter is null ? "1" : new FilterSqlCompiler(parameters, prefix).Node(filter);

    private string Node(FilterNode node) => node switch
    {
        FilterAnd and => "(" + string.Join(" AND ", and.Terms.Select(Node)) + ")",
        FilterOr or => "(" + string.Join(" OR ", or.Terms.Select(Node)) + ")",
        FilterComparison comparison => Comparison(comparison),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, null),
    };

    private string Comparison(FilterComparison comparison)
    {
        var field = comparison.Field;
        return field.Entity switch
        {
            FilterEntity.Metric => $"""
                RunId IN (SELECT RunId FROM ml_metric_summary WHERE Key = {Parameter(field.Key)}
                          GROUP BY RunId HAVING argMaxMerge(Latest) {Condition(comparison)})
                """,
            FilterEntity.Param => $"RunId IN (SELECT RunId FROM ml_params FINAL WHERE Key = {Parameter(field.Key)} AND Value {Condition(comparison)})",
            // The newest row per run and key, unless it is an untag tombstone (RunLifecycleSql.CurrentTags).
            FilterEntity.Tag => $"""
                RunId IN (SELECT RunId FROM ml_tags WHERE Key = {Parameter(field.Key)}
                          GROUP BY RunId HAVING argMax(Deleted, UpdatedAt) = 0 AND argMax(Value, UpdatedAt) {Condition(comparison)})
                """,
            _ => Attribute(comparison),
        };
    }

    private string Attribute(FilterComparison comparison)
    {
        var attribute = RunAttributes.Find(comparison.Field.Key)!;
        // A running run has no end time: NULL compares as false, so it matches no end_time comparison.
        var column = attribute.IsTime ? $"toUnixTimestamp64Milli({attribute.Column})" : attribute.Column;
        return $"({column} {Condition(comparison)})";
    }

    /// <summary>The comparator and its value(s): <c>&gt; {filter_3:Float64}</c>, <c>IN {filter_4:Array(String)}</c>.</summary>
    private string Condition(FilterComparison comparison)
    {
        var values = comparison.Values;
        if (comparison.Comparator.TakesList())
        {
            return $"{comparison.Comparator.Sql()} {ListParameter(values.Select(v => v.Text!))}";
        }

        var value = values[0];
        return $"{comparison.Comparator.Sql()} {(value.Number is { } number ? Parameter(number) : Parameter(value.Text!))}";
    }

    private string Parameter(string value)
    {
        var name = NextName();
        _parameters.Add(name, value);
        return "{" + name + ":String}";
    }

    private string Parameter(double value)
    {
        var name = NextName();
        _parameters.Add(name, value);
        return "{" + name + ":Float64}";
    }

    private string ListParameter(IEnumerable<string> values)
    {
        var name = NextName();
        _parameters.Add(name, values);
        return "{" + name + ":Array(String)}";
    }

    private string NextName() => _prefix + _count++.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
