using Otel.Collector.ClickHouse;
using Otel.Tracking.Query;

namespace Otel.Collector.Query;

internal sealed partial class RunQueries
{
    /// <summary>
    /// Runs of an experiment ranked by the latest value of one metric, read from the pre-aggregated
    /// summary (never the full history). A run's experiment is the one its run row holds: the summary's own
    /// Experiment column is the one of the span that carried the points, which a foreign client may leave
    /// unset on metric spans (or send before the run's start span), and so is never filtered on. Archived and deleted
    /// runs are not ranked.
    /// </summary>
    public async Task<Leaderboard> LeaderboardAsync(string experiment, string metric, bool descending, int limit, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT RunId, Value, Step, RunName, count() OVER () AS Ranked
            FROM (
                SELECT RunId, argMaxMerge(Latest) AS Value, max(LastStep) AS Step
                FROM ml_metric_summary
                WHERE Key = {"{metric:String}"}
                  AND RunId IN (SELECT RunId FROM {Runs} WHERE Experiment = {"{experiment:String}"} AND State = 'active')
                GROUP BY RunId
            ) AS ranked
            LEFT JOIN (SELECT RunId AS NamedRunId, RunName FROM {Runs} WHERE Experiment = {"{experiment:String}"}) AS named ON RunId = NamedRunId
            ORDER BY Value {(descending ? "DESC" : "ASC")}, RunId
            LIMIT {"{limit:UInt32}"}
            SETTINGS output_format_json_quote_denormals = 1
            """;
        var parameters = new QueryParameters().Add("experiment", experiment).Add("metric", metric).Add("limit", Math.Clamp(limit, 1, 10_000));
        var rows = (await RowsAsync(sql, parameters, cancellationToken)).ToList();
        var entries = rows
            .Select((row, i) => new LeaderboardEntry(i + 1, row.String("RunId"), row.Double("Value"), row.Int64("Step")) { RunName = row.String("RunName") })
            .ToList();
        return new Leaderboard(entries, rows.Count == 0 ? 0 : rows[0].Int64("Ranked"));
    }

    /// <summary>The top of a ranking, and how many runs it ranked in all (more than the entries when the limit cut it).</summary>
    internal sealed record Leaderboard(IReadOnlyList<LeaderboardEntry> Entries, long Ranked);

    /// <summary>Steps per row of <c>ml_metric_rollup</c> (migration 0005).</summary>
    internal const long RollupBlockSteps = 1024;

    /// <summary>
    /// One metric's history with at most <paramref name="maxPoints"/> points: steps are cut into equal
    /// buckets and each bucket keeps its last value and its min and max, so spikes stay visible. Buckets
    /// of at least <see cref="RollupBlockSteps"/> steps are read from the step-block rollup (thousands of
    /// rows instead of millions; a block counts its distinct points, so copies count once); narrower ones
    /// from the points themselves. The last value is taken by step alone (not step and time): steps within
    /// one series are distinct in practice.
    /// </summary>
    public async Task<IReadOnlyList<DownsampledPoint>> HistoryAsync(string runId, string key, int maxPoints, CancellationToken cancellationToken)
    {
        var id = new QueryParameters().Add("id", runId).Add("key", key);
        const string rangeSql = """
            SELECT min(FirstStep) AS First, max(LastStep) AS Last, min(Block) AS FirstBlock, count() AS Blocks
            FROM ml_metric_rollup WHERE RunId = {id:String} AND Key = {key:String}
            """;
        var range = (await RowsAsync(rangeSql, id, cancellationToken)).Single();
        if (range.Int64("Blocks") == 0)
        {
            return [];
        }

        var first = range.Int64("First");
        var width = Math.Max(1, (range.Int64("Last") - first) / Math.Clamp(maxPoints, 1, 100_000) + 1);
        return width >= RollupBlockSteps
            ? await RollupHistoryAsync(id, range.Int64("FirstBlock"), (width + RollupBlockSteps - 1) / RollupBlockSteps, cancellationToken)
            : await PointHistoryAsync(id, first, width, cancellationToken);
    }

    private async Task<IReadOnlyList<DownsampledPoint>> RollupHistoryAsync(QueryParameters id, long firstBlock, long blocksPerBucket, CancellationToken cancellationToken)
    {
        // A block's count is its rows where its distinct steps equal them (no copy of a point, no step twice): a few
        // bytes per block. Only the other blocks' sets of point identities are read, by a second query (migration 0008).
        const string sql = """
            SELECT intDiv(Block - {firstBlock:Int64}, {blocks:Int64}) AS Bucket, max(BlockStep) AS BucketStep,
                   argMax(BlockValue, BlockStep) AS BucketValue, min(BlockMin) AS BucketMin, max(BlockMax) AS BucketMax,
                   toUnixTimestamp64Nano(max(BlockTime)) AS Ns, sumIf(BlockRows, BlockSteps = BlockRows) AS Points,
                   arrayMap(b -> toString(b), groupArrayIf(Block, BlockSteps != BlockRows)) AS Uncounted
            FROM (
                SELECT Block, max(LastStep) AS BlockStep, argMaxMerge(Last) AS BlockValue, min(MinValue) AS BlockMin,
                       max(MaxValue) AS BlockMax, max(LastTime) AS BlockTime, sum(Rows) AS BlockRows,
                       groupBitmapMerge(Steps) AS BlockSteps
                FROM ml_metric_rollup
                WHERE RunId = {id:String} AND Key = {key:String}
                GROUP BY Block
            )
            GROUP BY Bucket
            ORDER BY BucketStep
            SETTINGS output_format_json_quote_denormals = 1
            """;
        var parameters = id.Add("firstBlock", firstBlock).Add("blocks", blocksPerBucket);
        var buckets = await RowsAsync(sql, parameters, cancellationToken);
        var uncounted = buckets.SelectMany(b => b.GetProperty("Uncounted").EnumerateArray().Select(block => block.GetString()!)).ToList();
        var exact = uncounted.Count == 0 ? [] : await ExactBucketCountsAsync(parameters.Add("uncounted", uncounted), cancellationToken);
        return Downsampled(buckets, bucket => exact.GetValueOrDefault(bucket.Int64("Bucket")));
    }

    /// <summary>The distinct points of the given blocks, added up per bucket: each block's set of point identities merged.</summary>
    private async Task<Dictionary<long, long>> ExactBucketCountsAsync(QueryParameters parameters, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT intDiv(Block - {firstBlock:Int64}, {blocks:Int64}) AS Bucket, sum(BlockPoints) AS Points
            FROM (
                SELECT Block, uniqExactMerge(Points) AS BlockPoints
                FROM ml_metric_rollup
                WHERE RunId = {id:String} AND Key = {key:String} AND Block IN (SELECT toInt64(arrayJoin({uncounted:Array(String)})))
                GROUP BY Block
            )
            GROUP BY Bucket
            """;
        return (await RowsAsync(sql, parameters, cancellationToken)).ToDictionary(r => r.Int64("Bucket"), r => r.Int64("Points"));
    }

    private async Task<IReadOnlyList<DownsampledPoint>> PointHistoryAsync(QueryParameters id, long first, long width, CancellationToken cancellationToken)
    {
        // FINAL: a point sent twice is one point (ReplacingMergeTree, migration 0004).
        const string sql = """
            SELECT max(Step) AS BucketStep, argMax(Value, Step) AS BucketValue, min(Value) AS BucketMin,
                   max(Value) AS BucketMax, toUnixTimestamp64Nano(max(Timestamp)) AS Ns, count() AS Points
            FROM ml_metrics FINAL
            WHERE RunId = {id:String} AND Key = {key:String}
            GROUP BY intDiv(Step - {first:Int64}, {width:Int64})
            ORDER BY BucketStep
            SETTINGS output_format_json_quote_denormals = 1
            """;
        return Downsampled(await RowsAsync(sql, id.Add("first", first).Add("width", width), cancellationToken));
    }

    /// <summary>The buckets as points; <paramref name="morePoints"/> adds what a second query counted for a bucket.</summary>
    private static List<DownsampledPoint> Downsampled(List<System.Text.Json.JsonElement> rows, Func<System.Text.Json.JsonElement, long>? morePoints = null) => rows
        .Select(r => new DownsampledPoint(r.Int64("BucketStep"), r.Double("BucketValue"), r.Double("BucketMin"), r.Double("BucketMax"), r.Time("Ns"),
            r.Int64("Points") + (morePoints?.Invoke(r) ?? 0)))
        .ToList();
}
