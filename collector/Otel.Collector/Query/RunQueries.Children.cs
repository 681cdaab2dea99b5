using Otel.Collector.ClickHouse;
using Otel.Tracking.Query;

namespace Otel.Collector.Query;

internal sealed partial class RunQueries
{
    /// <summary>A sweep parent's children (runs whose ParentRunId is this run; active ones), oldest first, with their latest metrics.</summary>
    private async Task FillChildrenAsync(RunDetail run, QueryParameters id, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT RunId, RunName, Status FROM {Runs}
            WHERE ParentRunId = {"{id:String}"} AND State = 'active'
            ORDER BY StartTime, RunId
            """;
        var children = (await RowsAsync(sql, id, cancellationToken))
            .Select(r => new RunChild(r.String("RunId"), r.String("RunName"), r.String("Status"), []))
            .ToList();
        if (children.Count == 0)
        {
            return;
        }

        var byId = children.ToDictionary(c => c.Id, StringComparer.Ordinal);
        const string metricsSql = """
            SELECT RunId, Key, argMaxMerge(Latest) AS Latest
            FROM ml_metric_summary WHERE RunId IN {ids:Array(String)} GROUP BY RunId, Key
            SETTINGS output_format_json_quote_denormals = 1
            """;
        foreach (var row in await RowsAsync(metricsSql, new QueryParameters().Add("ids", byId.Keys), cancellationToken))
        {
            byId[row.String("RunId")].Metrics[row.String("Key")] = row.Double("Latest");
        }

        run.Children.AddRange(children);
    }
}
