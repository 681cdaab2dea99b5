using System.Globalization;
using Otel.Grafana.Tests.Harness.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Otel.Grafana.Tests.Harness.Alerting;

/// <summary>
/// Evaluates one provisioned alert rule (an item of <c>groups[].rules[]</c> in alerts/*.yaml) as Grafana does, once: each data source query gets its <c>relativeTimeRange</c> (seconds before now) and interval (<c>intervalMs</c>,
/// default 1 s), the plugin's macros only (no dashboard variables, no <c>$__conditionalAll</c>), the server's
/// <c>now()</c> pinned to the evaluation time (<see cref="ServerNow"/>), runs, and becomes
/// instances (<see cref="AlertFrames"/>); then the server-side expressions (<c>__expr__</c>: reduce, math, threshold)
/// run in order; the condition's instances fire when their value is neither 0, NaN nor null.
/// </summary>
public static class AlertQueries
{
    public const string ExpressionDatasource = "__expr__";

    /// <summary>
    /// Evaluates <paramref name="rule"/> in <paramref name="scenario"/> at the moment seeding ended
    /// (<see cref="GrafanaScenarios.SeededAt"/>), so its windows see the seeded last hour however long the test run is.
    /// </summary>
    public static async Task<AlertEvaluation> EvaluateAsync(GrafanaScenarios scenarios, Scenario scenario, YamlMappingNode rule)
    {
        await scenarios.EnsureSeededAsync();
        return await EvaluateAsync(rule, sql => scenarios.QueryAsync(scenario, sql), scenarios.SeededAt);
    }

    /// <summary>Evaluates <paramref name="rule"/> at <paramref name="now"/>, running its SQL with <paramref name="query"/> (any store).</summary>
    public static async Task<AlertEvaluation> EvaluateAsync(YamlMappingNode rule, Func<string, Task<QueryResult>> query, DateTimeOffset now)
    {
        var condition = Scalar(rule, "condition") ?? throw new GrafanaQueryException("the rule has no condition (the refId whose instances fire)");
        var steps = new Dictionary<string, IReadOnlyList<AlertValue>>(StringComparer.Ordinal);
        var sql = new Dictionary<string, string>(StringComparer.Ordinal);
        var noData = false;
        foreach (var data in ((YamlSequenceNode)rule["data"]).Children.Cast<YamlMappingNode>())
        {
            var refId = Scalar(data, "refId") ?? throw new GrafanaQueryException("a data item has no refId");
            var model = (YamlMappingNode)data["model"];
            if (Scalar(data, "datasourceUid") == ExpressionDatasource)
            {
                steps[refId] = Expression(refId, model, steps);
                continue;
            }

            var range = TimeRange(data, now);
            var interval = TimeSpan.FromMilliseconds(Number(model, "intervalMs") ?? 1000);
            var expanded = ServerNow.Pin(GrafanaMacros.ExpandForAlertRule(Scalar(model, "rawSql") ?? throw new GrafanaQueryException($"{refId}: no rawSql"), range, interval), now);
            sql[refId] = expanded;
            var result = await query(expanded);
            noData |= result.Rows.Count == 0;
            steps[refId] = AlertFrames.From(result, (int)(Number(model, "format") ?? 1), refId);
        }

        var instances = steps.TryGetValue(condition, out var values)
            ? values.Select(v =>
            {
                if (v.IsSeries)
                {
                    throw new GrafanaQueryException($"condition {condition} is a time series: reduce it to a number (or use a threshold on a reduce)");
                }

                return new AlertInstanceResult(v.Labels, v.Number, v.Number is { } n && n != 0 && !double.IsNaN(n));
            }).ToList()
            : throw new GrafanaQueryException($"the condition {condition} is none of the rule's refIds ({string.Join(", ", steps.Keys)})");
        return new AlertEvaluation(instances, steps, sql, noData);
    }

    private static IReadOnlyList<AlertValue> Expression(string refId, YamlMappingNode model, IReadOnlyDictionary<string, IReadOnlyList<AlertValue>> steps)
    {
        var type = Scalar(model, "type");
        var expression = Scalar(model, "expression") ?? throw new GrafanaQueryException($"{refId}: an expression needs 'expression'");
        return type switch
        {
            "math" => MathExpression.Evaluate(expression, steps),
            "reduce" => Reduce(refId, Input(expression, steps), Scalar(model, "reducer") ?? "last", model),
            "threshold" => Threshold(refId, Input(expression, steps), model),
            _ => throw new GrafanaQueryException($"{refId}: the harness evaluates reduce, math and threshold expressions, not '{type}'"),
        };
    }

    private static IReadOnlyList<AlertValue> Input(string expression, IReadOnlyDictionary<string, IReadOnlyList<AlertValue>> steps)
    {
        var name = expression.Trim().TrimStart('$').Trim('{', '}');
        return steps.TryGetValue(name, out var values) ? values
            : throw new GrafanaQueryException($"expression input '{expression}' is no earlier refId ({string.Join(", ", steps.Keys)})");
    }

    /// <summary>Reduce: each series to one number; a number stays as it is. Mode "" keeps NaN and null (a mean, min, max or sum over one is NaN; last is the last point), dropNN drops them, replaceNN replaces them.</summary>
    private static IReadOnlyList<AlertValue> Reduce(string refId, IReadOnlyList<AlertValue> input, string reducer, YamlMappingNode model)
    {
        var settings = model.Children.TryGetValue(new YamlScalarNode("settings"), out var node) ? node as YamlMappingNode : null;
        var mode = settings is null ? "" : Scalar(settings, "mode") ?? "";
        var replacement = settings is null ? null : Number(settings, "replaceWithValue");
        return [.. input.Select(v =>
        {
            if (!v.IsSeries)
            {
                return v;
            }

            var points = v.Series!.Select(p => p.Value ?? double.NaN);
            points = mode switch
            {
                "dropNN" => points.Where(double.IsFinite),
                "replaceNN" => points.Select(p => double.IsFinite(p) ? p : replacement ?? 0),
                _ => points,
            };
            var list = points.ToList();
            double? reduced = reducer switch
            {
                "count" => list.Count,
                _ when list.Count == 0 => null,
                _ when reducer != "last" && list.Any(double.IsNaN) => double.NaN,
                "last" => list[^1],
                "mean" => list.Average(),
                "min" => list.Min(),
                "max" => list.Max(),
                "sum" => list.Sum(),
                _ => throw new GrafanaQueryException($"{refId}: unknown reducer '{reducer}' (last, mean, min, max, sum, count)"),
            };
            return new AlertValue(v.Labels, reduced);
        })];
    }

    private static IReadOnlyList<AlertValue> Threshold(string refId, IReadOnlyList<AlertValue> input, YamlMappingNode model)
    {
        var evaluator = (YamlMappingNode)((YamlMappingNode)((YamlSequenceNode)model["conditions"]).Children.Single())["evaluator"];
        var type = Scalar(evaluator, "type");
        var parameters = ((YamlSequenceNode)evaluator["params"]).Children.Select(p => double.Parse(((YamlScalarNode)p).Value!, CultureInfo.InvariantCulture)).ToList();
        Func<double, bool> fires = type switch
        {
            "gt" => v => v > parameters[0],
            "lt" => v => v < parameters[0],
            "within_range" => v => v > parameters[0] && v < parameters[1],
            "outside_range" => v => v < parameters[0] || v > parameters[1],
            _ => throw new GrafanaQueryException($"{refId}: threshold type '{type}' is none of gt, lt, within_range, outside_range"),
        };
        return [.. input.Select(v => v.IsSeries
            ? throw new GrafanaQueryException($"{refId}: a threshold on a time series; reduce it first")
            : new AlertValue(v.Labels, v.Number is { } n && !double.IsNaN(n) ? (fires(n) ? 1 : 0) : null))];
    }

    private static GrafanaTimeRange TimeRange(YamlMappingNode data, DateTimeOffset now)
    {
        var relative = data.Children.TryGetValue(new YamlScalarNode("relativeTimeRange"), out var node) ? node as YamlMappingNode : null;
        var from = relative is null ? 600 : Number(relative, "from") ?? 600;
        var to = relative is null ? 0 : Number(relative, "to") ?? 0;
        return new GrafanaTimeRange(now.AddSeconds(-from), now.AddSeconds(-to));
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    private static double? Number(YamlMappingNode node, string key) =>
        Scalar(node, key) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : null;
}
