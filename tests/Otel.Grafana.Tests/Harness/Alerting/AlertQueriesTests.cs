using System.Text;
using Otel.Grafana.Tests.Harness.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Otel.Grafana.Tests.Harness.Alerting;

// Rules evaluated over hand-made query results: the expressions, joins and frames as Grafana's docs describe them.
public sealed class AlertQueriesTests
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public async Task Evaluate_TableWithThreshold_FiresPerRowAboveIt()
    {
        var rule = Rule("""
            condition: C
            data:
              - {refId: A, datasourceUid: otel-track-clickhouse, relativeTimeRange: {from: 3600, to: 0},
                 model: {rawSql: "SELECT Feature AS feature, max(Psi) AS psi FROM ml_drift WHERE $__timeFilter(WindowEnd) GROUP BY feature", format: 1}}
              - {refId: C, datasourceUid: __expr__, model: {type: threshold, expression: A, conditions: [{evaluator: {type: gt, params: [0.25]}}]}}
            """);
        string? ran = null;

        var evaluation = await AlertQueries.EvaluateAsync(rule, sql => { ran = sql; return Task.FromResult(Table(("feature", "String"), ("psi", "Float64"))["age", 0.4]["income", 0.1].Result); }, s_now);

        Assert.Equal(["{feature=age}"], evaluation.Firing.Select(i => i.LabelText));
        Assert.Equal(2, evaluation.Instances.Count);
        Assert.Contains($"WindowEnd >= toDateTime({s_now.ToUnixTimeSeconds() - 3600}) AND WindowEnd <= toDateTime({s_now.ToUnixTimeSeconds()})", ran, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_ServerClockInTheSql_IsTheEvaluationTime()
    {
        var rule = Rule("""
            condition: A
            data:
              - {refId: A, datasourceUid: otel-track-clickhouse, model: {rawSql: "SELECT 1 WHERE a > now() - 60 AND b < NOW64( 9 ) AND c < now64() AND d = today()", format: 1}}
            """);
        string? ran = null;

        await AlertQueries.EvaluateAsync(rule, sql => { ran = sql; return Task.FromResult(Table(("n", "UInt64"))[1].Result); }, s_now.AddMilliseconds(250));

        Assert.Equal("SELECT 1 WHERE a > toDateTime('2027-01-15 08:00:00', 'UTC') - 60 AND b < toDateTime64('2027-01-15 08:00:00.250000000', 9, 'UTC')"
            + " AND c < toDateTime64('2027-01-15 08:00:00.250', 3, 'UTC') AND d = toDate('2027-01-15')", ran);
    }

    [Fact]
    public async Task Evaluate_TwoWindowsJoinedByMath_FiresWhereBothBurn()
    {
        var rule = Rule("""
            condition: D
            data:
              - {refId: A, datasourceUid: otel-track-clickhouse, model: {rawSql: "SELECT 1 -- long window", format: 1}}
              - {refId: B, datasourceUid: otel-track-clickhouse, model: {rawSql: "SELECT 2 -- short window", format: 1}}
              - {refId: D, datasourceUid: __expr__, model: {type: math, expression: "$A > 14.4 && ${B} > 14.4"}}
            """);
        var results = new Queue<QueryResult>(
        [
            Table(("slo", "String"), ("burn", "Float64"))["a", 20]["b", 20]["c", 1].Result,
            Table(("slo", "String"), ("burn", "Float64"))["a", 15]["b", 2]["c", 30].Result,
        ]);

        var evaluation = await AlertQueries.EvaluateAsync(rule, _ => Task.FromResult(results.Dequeue()), s_now);

        Assert.Equal(["{slo=a}"], evaluation.Firing.Select(i => i.LabelText));
        Assert.Equal(3, evaluation.Instances.Count);
    }

    [Theory]
    [InlineData("last", "", 5.0)]
    [InlineData("max", "", double.NaN)]
    [InlineData("max", "dropNN", 7.0)]
    [InlineData("mean", "replaceNN", 3.25)]
    [InlineData("count", "dropNN", 3.0)]
    public async Task Evaluate_ReducedTimeSeries_ReducesEachSeriesAsTheModeSays(string reducer, string mode, double expected)
    {
        var rule = Rule($$"""
            condition: B
            data:
              - {refId: A, datasourceUid: otel-track-clickhouse, model: {rawSql: "SELECT 1", format: 0} }
              - {refId: B, datasourceUid: __expr__, model: {type: reduce, expression: A, reducer: {{reducer}}, settings: {mode: "{{mode}}", replaceWithValue: 0} } }
            """);
        var series = Table(("time", "DateTime"), ("value", "Nullable(Float64)"))
            ["2027-01-15 08:00:00", 1]["2027-01-15 08:01:00", 7]["2027-01-15 08:02:00", null]["2027-01-15 08:03:00", 5].Result;

        var evaluation = await AlertQueries.EvaluateAsync(rule, _ => Task.FromResult(series), s_now);

        Assert.Equal(expected, Assert.Single(evaluation.Instances).Value!.Value, 9);
    }

    [Fact]
    public async Task Evaluate_NoRows_IsNoDataAndNothingFires()
    {
        var rule = Rule("""
            condition: A
            data:
              - {refId: A, datasourceUid: otel-track-clickhouse, model: {rawSql: "SELECT 1", format: 1}}
            """);

        var evaluation = await AlertQueries.EvaluateAsync(rule, _ => Task.FromResult(Table(("n", "UInt64")).Result), s_now);

        Assert.True(evaluation.NoData);
        Assert.Empty(evaluation.Firing);
    }

    [Theory]
    [InlineData("SELECT 1 WHERE $__conditionalAll(a, $a)", "only in the browser")]
    [InlineData("SELECT 1 WHERE t > $__from", "browser variable")]
    public async Task Evaluate_BrowserOnlySyntax_FailsSayingAlertsCannotUseIt(string sql, string expected)
    {
        var rule = Rule($"condition: A\ndata:\n  - {{refId: A, datasourceUid: otel-track-clickhouse, model: {{rawSql: \"{sql}\", format: 1}}}}\n");

        var error = await Assert.ThrowsAsync<GrafanaQueryException>(() => AlertQueries.EvaluateAsync(rule, _ => Task.FromResult(Table(("n", "UInt64"))[1].Result), s_now));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_TableWithTwoNumbersOrRepeatedLabels_FailsAsGrafanaDoes()
    {
        var rule = Rule("condition: A\ndata:\n  - {refId: A, datasourceUid: otel-track-clickhouse, model: {rawSql: \"SELECT 1\", format: 1}}\n");

        var twoNumbers = await Assert.ThrowsAsync<GrafanaQueryException>(() => AlertQueries.EvaluateAsync(rule, _ => Task.FromResult(Table(("a", "UInt64"), ("b", "Float64"))[1, 2].Result), s_now));
        var repeated = await Assert.ThrowsAsync<GrafanaQueryException>(() => AlertQueries.EvaluateAsync(rule, _ => Task.FromResult(Table(("m", "String"), ("b", "Float64"))["x", 1]["x", 2].Result), s_now));

        Assert.Contains("exactly one numeric column", twoNumbers.Message, StringComparison.Ordinal);
        Assert.Contains("unique label set", repeated.Message, StringComparison.Ordinal);
    }

    private static YamlMappingNode Rule(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>A result in ClickHouse's JSON format: <c>Table(columns)[row][row].Result</c>.</summary>
    private static TableBuilder Table(params (string Name, string Type)[] columns) => new(columns, []);

    private sealed class TableBuilder((string Name, string Type)[] columns, List<object?[]> rows)
    {
        public TableBuilder this[params object?[] row] => new(columns, [.. rows, row]);

        public QueryResult Result => QueryResult.Parse(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
        {
            meta = columns.Select(c => new { name = c.Name, type = c.Type }),
            data = rows.Select(r => columns.Select((c, i) => (c.Name, Value: r[i])).ToDictionary(p => p.Name, p => p.Value)),
        })));
    }
}
