using System.Globalization;
using Otel.Collector.ClickHouse;

namespace Otel.Collector.Query.RunFilter;

/// <summary>
/// The joins and ORDER BY terms of a runs list's order. A metric, param or tag is LEFT JOINed from its table by run, with
/// a column that says the run has it: runs without the field come last in either direction (MLflow's rule). Keys are
/// query parameters; the newest runs first breaks the remaining ties.
/// </summary>
internal static class RunOrderSql
{
    public sealed record Compiled(string Joins, string OrderBy);

    public static Compiled Compile(IReadOnlyList<RunOrderField> fields, QueryParameters parameters)
    {
        var joins = new List<string>();
        var terms = new List<string>();
        for (var i = 0; i < fields.Count; i++)
        {
            var (field, descending) = fields[i];
            var direction = descending ? "DESC" : "ASC";
            var alias = "order_" + i.ToString(CultureInfo.InvariantCulture);
            if (field.Entity == FilterEntity.Attribute)
            {
                var column = RunAttributes.Find(field.Key)!.Column;
                terms.Add($"{column} IS NULL, {column} {direction}");
                continue;
            }

            parameters.Add(alias, field.Key);
            joins.Add($"LEFT JOIN ({Source(field.Entity, alias)}) AS {alias} ON RunId = {alias}_run");
            terms.Add($"{alias}_has = 0, {alias}_value {direction}");
        }

        terms.Add("StartTime DESC");
        terms.Add("RunId");
        return new Compiled(string.Join('\n', joins), string.Join(", ", terms));
    }

    private static string Key(string alias) => "{" + alias + ":String}";

    /// <summary>Per run: <c>{alias}_run</c>, <c>{alias}_value</c> and <c>{alias}_has = 1</c> (0, the join's default, for runs without it).</summary>
    private static string Source(FilterEntity entity, string alias) => entity switch
    {
        FilterEntity.Metric => $"""
            SELECT RunId AS {alias}_run, argMaxMerge(Latest) AS {alias}_value, 1 AS {alias}_has
            FROM ml_metric_summary WHERE Key = {Key(alias)} GROUP BY RunId
            """,
        FilterEntity.Param => $"""
            SELECT RunId AS {alias}_run, any(Value) AS {alias}_value, 1 AS {alias}_has
            FROM ml_params FINAL WHERE Key = {Key(alias)} GROUP BY RunId
            """,
        _ => $"""
            SELECT RunId AS {alias}_run, argMax(Value, UpdatedAt) AS {alias}_value, 1 AS {alias}_has
            FROM ml_tags WHERE Key = {Key(alias)} GROUP BY RunId HAVING argMax(Deleted, UpdatedAt) = 0
            """,
    };
}
