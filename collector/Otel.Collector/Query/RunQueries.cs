using Otel.Collector.ClickHouse;

namespace Otel.Collector.Query;

/// <summary>The read side of the experiment tables. Every value reaches ClickHouse as a query parameter.</summary>
internal sealed class RunQueries(IClickHouseStore store)
{
    private const string RunColumns = """
        RunId, Experiment, RunName, ParentRunId, Status, StatusMessage,
        toUnixTimestamp64Nano(StartTime) AS StartNs, toUnixTimestamp64Nano(EndTime) AS EndNs,
        ServiceName, TraceId
        """;

    public async Task<IReadOnlyList<RunSummary>> ListRunsAsync(string? experiment, int limit, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {RunColumns}
            FROM ml_runs FINAL
            WHERE {"{experiment:String}"} = '' OR Experiment = {"{experiment:String}"}
            ORDER BY StartTime DESC, RunId
            LIMIT {"{limit:UInt32}"}
            """;
        var parameters = new QueryParameters().Add("experiment", experiment ?? string.Empty).Add("limit", Math.Clamp(limit, 1, 100_000));
        var runs = JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, cancellationToken)).Select(ReadRun).ToList();
        await FillAsync(runs, cancellationToken);
        return runs;
    }

    /// <summary>One run with history and provenance, or null when the id is unknown.</summary>
    public async Task<RunDetail?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {RunColumns}, Provenance FROM ml_runs FINAL WHERE RunId = {{id:String}}";
        var row = JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", new QueryParameters().Add("id", runId), cancellationToken)).FirstOrDefault();
        if (row.ValueKind == System.Text.Json.JsonValueKind.Undefined)
        {
            return null;
        }

        var run = new RunDetail(ReadRun(row)) { Provenance = row.Map("Provenance") };
        await FillAsync([run], cancellationToken);
        await FillHistoryAsync(run, cancellationToken);
        return run;
    }

    public async Task<IReadOnlyList<ExperimentSummary>> ListExperimentsAsync(CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT Experiment, count() AS Runs, toUnixTimestamp64Nano(max(StartTime)) AS LastNs
            FROM ml_runs FINAL GROUP BY Experiment ORDER BY max(StartTime) DESC
            """;
        return JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", null, cancellationToken))
            .Select(r => new ExperimentSummary(r.String("Experiment"), r.Int64("Runs"), r.Time("LastNs")))
            .ToList();
    }

    private static RunSummary ReadRun(System.Text.Json.JsonElement row) => new()
    {
        Id = row.String("RunId"),
        Experiment = row.String("Experiment"),
        Name = row.String("RunName"),
        Status = row.String("Status"),
        StatusMessage = NullIfEmpty(row.String("StatusMessage")),
        StartTime = row.Time("StartNs"),
        EndTime = row.NullableTime("EndNs"),
        ParentId = NullIfEmpty(row.String("ParentRunId")),
        ServiceName = NullIfEmpty(row.String("ServiceName")),
        TraceId = NullIfEmpty(row.String("TraceId")),
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>Adds params, tags and latest metrics to the runs, with one query per table.</summary>
    private async Task FillAsync(List<RunSummary> runs, CancellationToken cancellationToken)
    {
        if (runs.Count == 0)
        {
            return;
        }

        var byId = runs.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var ids = new QueryParameters().Add("ids", byId.Keys);

        const string paramsSql = "SELECT RunId, Key, Value FROM ml_params FINAL WHERE RunId IN {ids:Array(String)}";
        foreach (var row in JsonRows.Parse(await store.QueryAsync(paramsSql, "JSONEachRow", ids, cancellationToken)))
        {
            byId[row.String("RunId")].Params[row.String("Key")] = row.String("Value");
        }

        const string tagsSql = """
            SELECT RunId, Key, argMax(Value, UpdatedAt) AS Value FROM ml_tags
            WHERE RunId IN {ids:Array(String)} GROUP BY RunId, Key
            """;
        foreach (var row in JsonRows.Parse(await store.QueryAsync(tagsSql, "JSONEachRow", ids, cancellationToken)))
        {
            byId[row.String("RunId")].Tags[row.String("Key")] = row.String("Value");
        }

        const string metricsSql = """
            SELECT RunId, Key, argMaxMerge(Latest) AS Latest, min(MinValue) AS Min, max(MaxValue) AS Max,
                   sum(Count) AS Count, max(LastStep) AS LastStep
            FROM ml_metric_summary WHERE RunId IN {ids:Array(String)} GROUP BY RunId, Key
            """;
        foreach (var row in JsonRows.Parse(await store.QueryAsync(metricsSql, "JSONEachRow", ids, cancellationToken)))
        {
            var run = byId[row.String("RunId")];
            var key = row.String("Key");
            run.Metrics[key] = row.Double("Latest");
            if (run is RunDetail detail)
            {
                detail.MetricSummaries[key] = new MetricSummary(row.Double("Latest"), row.Double("Min"), row.Double("Max"), row.Int64("Count"), row.Int64("LastStep"));
            }
        }
    }

    private async Task FillHistoryAsync(RunDetail run, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT Key, Step, Value, toUnixTimestamp64Nano(Timestamp) AS Ns
            FROM ml_metrics WHERE RunId = {id:String}
            ORDER BY Key, Step, Timestamp
            """;
        foreach (var row in JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", new QueryParameters().Add("id", run.Id), cancellationToken)))
        {
            var key = row.String("Key");
            if (!run.History.TryGetValue(key, out var points))
            {
                run.History[key] = points = [];
            }

            points.Add(new HistoryPoint(row.Int64("Step"), row.Double("Value"), row.Time("Ns")));
        }
    }
}
