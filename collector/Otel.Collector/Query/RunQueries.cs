using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query.RunFilter;
using Otel.Collector.Runs.Lifecycle;
using Otel.Tracking.Query;

namespace Otel.Collector.Query;

/// <summary>The read side of the experiment tables. Every value reaches ClickHouse as a query parameter.</summary>
internal sealed partial class RunQueries(IClickHouseStore store)
{
    private const string RunColumns = """
        RunId, Experiment, RunName, ParentRunId, Status, StatusMessage,
        toUnixTimestamp64Nano(StartTime) AS StartNs, toUnixTimestamp64Nano(EndTime) AS EndNs,
        ServiceName, TraceId, Reproduces, State, Held
        """;

    /// <summary>Runs as readers see them: renamed, with their lifecycle state (docs/run-lifecycle.md).</summary>
    private const string Runs = $"({RunLifecycleSql.RunsWithLifecycle})";

    /// <summary>
    /// Attempts of one logical run share experiment, run name, commit and CI pipeline run id (CI retries);
    /// a run without commit or pipeline run id is its own logical run.
    /// </summary>
    internal const string LogicalKey = """
        if(Provenance['vcs.ref.head.revision'] != '' AND Provenance['cicd.pipeline.run.id'] != '',
           toString(cityHash64(Experiment, RunName, Provenance['vcs.ref.head.revision'], Provenance['cicd.pipeline.run.id'])),
           RunId)
        """;

    /// <summary>
    /// Runs newest first (or in <paramref name="order"/>); by default only the latest attempt of each logical run, with the
    /// attempt count, and only active runs (<paramref name="state"/>: archived, deleted, or all for every state). The
    /// <paramref name="filter"/> applies to the latest attempts, and the limit after filter and order.
    /// </summary>
    public async Task<IReadOnlyList<RunSummary>> ListRunsAsync(string? experiment, int limit, CancellationToken cancellationToken, bool allAttempts = false,
        string? datasetDigest = null, string state = RunLifecycleStates.Active, FilterNode? filter = null, IReadOnlyList<RunOrderField>? order = null) =>
        (await ListRunPageAsync(experiment, limit, cancellationToken, allAttempts, datasetDigest, state, filter, order)).Runs;

    /// <summary>The runs <see cref="ListRunsAsync"/> lists, and how many matched before the limit (0 when none did).</summary>
    public async Task<RunPage> ListRunPageAsync(string? experiment, int limit, CancellationToken cancellationToken, bool allAttempts = false,
        string? datasetDigest = null, string state = RunLifecycleStates.Active, FilterNode? filter = null, IReadOnlyList<RunOrderField>? order = null)
    {
        var parameters = new QueryParameters()
            .Add("experiment", experiment ?? string.Empty)
            .Add("limit", Math.Clamp(limit, 1, 100_000))
            .Add("all", allAttempts ? 1 : 0)
            .Add("dataset", datasetDigest ?? string.Empty)
            .Add("state", state);
        var where = FilterSqlCompiler.Compile(filter, parameters);
        var ordering = RunOrderSql.Compile(order ?? [], parameters);
        var sql = $"""
            SELECT {RunColumns}, Attempts, count() OVER () AS Matching
            FROM (
                SELECT *, count() OVER (PARTITION BY LogicalKey) AS Attempts,
                       row_number() OVER (PARTITION BY LogicalKey ORDER BY StartTime DESC, ReceivedAt DESC, RunId DESC) AS AttemptRank
                FROM (SELECT *, {LogicalKey} AS LogicalKey FROM {Runs}
                      WHERE ({"{experiment:String}"} = '' OR Experiment = {"{experiment:String}"})
                        AND ({"{state:String}"} = 'all' OR State = {"{state:String}"})
                        AND ({"{dataset:String}"} = '' OR RunId IN (SELECT RunId FROM ml_datasets WHERE Digest = {"{dataset:String}"})))
            ) AS runs
            {ordering.Joins}
            WHERE ({"{all:UInt8}"} = 1 OR AttemptRank = 1) AND {where}
            ORDER BY {ordering.OrderBy}
            LIMIT {"{limit:UInt32}"}
            """;
        var rows = JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, cancellationToken)).ToList();
        var runs = rows.Select(ReadRun).ToList();
        await FillAsync(runs, cancellationToken);
        return new RunPage(runs, rows.Count == 0 ? 0 : rows[0].Int64("Matching"));
    }

    /// <summary>A limited list of runs and how many matched in all (more than the list holds when the limit cut it).</summary>
    internal sealed record RunPage(IReadOnlyList<RunSummary> Runs, long Matching);

    /// <summary>One run with history, provenance, datasets, artifacts and attempts, or null when the id is unknown.</summary>
    public async Task<RunDetail?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {RunColumns}, Provenance, Note, TotalSteps FROM {Runs} WHERE RunId = {{id:String}}";
        var id = new QueryParameters().Add("id", runId);
        var row = JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", id, cancellationToken)).FirstOrDefault();
        if (row.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }

        var note = row.String("Note");
        var run = new RunDetail(ReadRun(row)) { Provenance = row.Map("Provenance"), Note = NullIfEmpty(note), TotalSteps = row.NullableInt64("TotalSteps") };
        await FillAsync([run], cancellationToken);
        if (run.Note is null && run.Tags.TryGetValue(Otel.Tracking.MlSemanticConventions.NoteTag, out var loggedNote) && loggedNote.Length > 0)
        {
            // The note the run's own code set (MlRun.SetNote); one set with `runs note` is a later edit and wins.
            run = run with { Note = loggedNote };
        }

        await FillHistoryAsync(run, cancellationToken);
        await FillAssetsAsync(run, id, cancellationToken);
        await FillAttemptsAsync(run, id, cancellationToken);
        await FillChildrenAsync(run, id, cancellationToken);
        return run;
    }

    /// <summary>Experiments with their active runs (archived and deleted runs leave this list as they leave the runs list).</summary>
    public async Task<IReadOnlyList<ExperimentSummary>> ListExperimentsAsync(CancellationToken cancellationToken)
    {
        const string sql = $"""
            SELECT Experiment, count() AS Runs, toUnixTimestamp64Nano(max(StartTime)) AS LastNs
            FROM {Runs} WHERE State = 'active' GROUP BY Experiment ORDER BY max(StartTime) DESC
            """;
        return JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", null, cancellationToken))
            .Select(r => new ExperimentSummary(r.String("Experiment"), r.Int64("Runs"), r.Time("LastNs")))
            .ToList();
    }

    private static RunSummary ReadRun(JsonElement row) => new()
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
        Reproduces = NullIfEmpty(row.String("Reproduces")),
        Attempts = row.TryGetProperty("Attempts", out _) ? (int)row.Int64("Attempts") : 1,
        State = row.String("State"),
        Held = row.Int64("Held") == 1,
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>Adds params, tags, latest metrics and completeness to the runs, with one query per table.</summary>
    private async Task FillAsync(List<RunSummary> runs, CancellationToken cancellationToken)
    {
        if (runs.Count == 0)
        {
            return;
        }

        var byId = runs.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var ids = new QueryParameters().Add("ids", byId.Keys);

        const string paramsSql = "SELECT RunId, Key, Value FROM ml_params FINAL WHERE RunId IN {ids:Array(String)}";
        foreach (var row in await RowsAsync(paramsSql, ids, cancellationToken))
        {
            byId[row.String("RunId")].Params[row.String("Key")] = row.String("Value");
        }

        foreach (var row in await RowsAsync(RunLifecycleSql.CurrentTags, ids, cancellationToken))
        {
            byId[row.String("RunId")].Tags[row.String("Key")] = row.String("Value");
        }

        // No count here: the summary keeps none (migration 0007); a detail's counts are its distinct points (FillHistoryAsync).
        const string metricsSql = """
            SELECT RunId, Key, argMaxMerge(Latest) AS Latest, min(MinValue) AS Min, max(MaxValue) AS Max, max(LastStep) AS LastStep
            FROM ml_metric_summary WHERE RunId IN {ids:Array(String)} GROUP BY RunId, Key
            SETTINGS output_format_json_quote_denormals = 1
            """;
        foreach (var row in await RowsAsync(metricsSql, ids, cancellationToken))
        {
            var run = byId[row.String("RunId")];
            var key = row.String("Key");
            run.Metrics[key] = row.Double("Latest");
            if (run is RunDetail detail)
            {
                detail.MetricSummaries[key] = new MetricSummary(row.Double("Latest"), row.Double("Min"), row.Double("Max"), 0, row.Int64("LastStep"));
            }
        }

        const string completenessSql = """
            SELECT RunId, argMax(Score, ComputedAt) AS Score, argMax(Missing, ComputedAt) AS Missing
            FROM ml_run_completeness WHERE RunId IN {ids:Array(String)} GROUP BY RunId
            """;
        foreach (var row in await RowsAsync(completenessSql, ids, cancellationToken))
        {
            var run = byId[row.String("RunId")];
            run.Completeness = row.Double("Score");
            if (run is RunDetail detail)
            {
                detail.MissingMetadata = row.GetProperty("Missing").EnumerateArray().Select(m => m.GetString()!).ToList();
            }
        }
    }

    /// <summary>Series longer than this are downsampled in a run's detail; the full series stays in ml_metrics and /history.</summary>
    internal const int MaxDetailPointsPerKey = 10_000;

    private async Task FillHistoryAsync(RunDetail run, CancellationToken cancellationToken)
    {
        var id = new QueryParameters().Add("id", run.Id);
        // FINAL: a point sent twice (client retry, re-send) is one point, also before ClickHouse merges the copies.
        var lengths = (await RowsAsync("SELECT Key, count() AS N FROM ml_metrics FINAL WHERE RunId = {id:String} GROUP BY Key", id, cancellationToken))
            .ToDictionary(r => r.String("Key"), r => r.Int64("N"), StringComparer.Ordinal);
        foreach (var (key, count) in lengths)
        {
            if (run.MetricSummaries.TryGetValue(key, out var summary))
            {
                run.MetricSummaries[key] = summary with { Count = count };
            }
        }

        var longKeys = lengths.Where(kv => kv.Value > MaxDetailPointsPerKey).Select(kv => kv.Key).ToList();
        const string sql = """
            SELECT Key, Step, Value, toUnixTimestamp64Nano(Timestamp) AS Ns
            FROM ml_metrics FINAL WHERE RunId = {id:String} AND Key NOT IN {long:Array(String)}
            ORDER BY Key, Step, Timestamp
            SETTINGS output_format_json_quote_denormals = 1
            """;
        foreach (var row in await RowsAsync(sql, id.Add("long", longKeys), cancellationToken))
        {
            var key = row.String("Key");
            if (!run.History.TryGetValue(key, out var points))
            {
                run.History[key] = points = [];
            }

            points.Add(new HistoryPoint(row.Int64("Step"), row.Double("Value"), row.Time("Ns")));
        }

        foreach (var key in longKeys)
        {
            run.History[key] = (await HistoryAsync(run.Id, key, MaxDetailPointsPerKey, cancellationToken))
                .Select(p => new HistoryPoint(p.Step, p.Value, p.Timestamp)).ToList();
            run.DownsampledHistory.Add(key);
        }
    }

    private async Task FillAssetsAsync(RunDetail run, QueryParameters id, CancellationToken cancellationToken)
    {
        run.Datasets.AddRange((await RowsAsync(
            "SELECT * FROM ml_datasets FINAL WHERE RunId = {id:String} ORDER BY Context, Name", id, cancellationToken)).Select(ReadDataset));
        run.Artifacts.AddRange((await RowsAsync(
            "SELECT * FROM ml_artifacts FINAL WHERE RunId = {id:String} ORDER BY Path", id, cancellationToken)).Select(ReadArtifact));
    }

    private async Task FillAttemptsAsync(RunDetail run, QueryParameters id, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT RunId FROM ml_runs FINAL
            WHERE {LogicalKey} = (SELECT {LogicalKey} FROM ml_runs FINAL WHERE RunId = {"{id:String}"})
            ORDER BY StartTime DESC, ReceivedAt DESC, RunId DESC
            """;
        run.AttemptIds.AddRange((await RowsAsync(sql, id, cancellationToken)).Select(r => r.String("RunId")));
        run.Attempts = Math.Max(1, run.AttemptIds.Count);
    }

    internal static DatasetInfo ReadDataset(JsonElement row) => new(
        row.String("Name"), row.String("Digest"), row.String("Uri"), row.String("Context"),
        row.NullableInt64("Rows"), row.NullableInt64("Size"), row.String("Format"), row.String("Schema"));

    internal static ArtifactInfo ReadArtifact(JsonElement row) => new(
        row.String("Path"), row.String("Sha256"), row.Int64("Size"), row.String("Kind"), row.String("Uri"));

    private async Task<List<JsonElement>> RowsAsync(string sql, QueryParameters? parameters, CancellationToken cancellationToken) =>
        JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, cancellationToken)).ToList();
}
