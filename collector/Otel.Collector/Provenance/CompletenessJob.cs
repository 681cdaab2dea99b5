using Otel.Collector.ClickHouse;
using Otel.Collector.Sinks.Rows;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Query;

namespace Otel.Collector.Provenance;

/// <summary>
/// Scores each run's metadata against the mandatory fields and stores the result in <c>ml_run_completeness</c>.
/// It scores the runs marked in <c>ml_run_changes</c> since its watermark, on ClickHouse's clock: the marks are
/// stored after the rows they mark, by whichever collector received them, so nothing is missed when another
/// collector holds the job. <see cref="Notify"/> only wakes the job early on the holder.
/// </summary>
internal sealed class CompletenessJob(
    IClickHouseStore store, ExportPipeline pipeline, CompletenessOptions options, JobOptions jobs, JobWakeups wakeups) : IJob
{
    /// <summary>ClickHouse time (unix ms) up to which every marked change has been scored; 0 scores every mark still kept.</summary>
    private long _watermarkMs;

    public string Name => "completeness";

    public TimeSpan Interval => options.Interval;

    /// <summary>Marks runs whose stored metadata changed: a hint to score soon.</summary>
    public void Notify(IEnumerable<string> runIds)
    {
        if (runIds.Any())
        {
            wakeups.Request(Name, options.Delay);
        }
    }

    public async Task RunOnceAsync(JobRun run, CancellationToken cancellationToken)
    {
        var fields = options.MandatoryFields.ToList();
        var parameters = new QueryParameters()
            .Add("since", _watermarkMs)
            .Add("names", fields)
            .Add("total", Math.Max(1, fields.Count));
        var sql = $"""
            SELECT RunId, length(Present) / {"{total:Float64}"} AS Score, Present, Missing, toUnixTimestamp64Milli(now64(3)) AS ScannedMs
            FROM (
                SELECT RunId,
                       arrayFilter((name, ok) -> ok, {"{names:Array(String)}"}, Checks) AS Present,
                       arrayFilter((name, ok) -> NOT ok, {"{names:Array(String)}"}, Checks) AS Missing
                FROM (SELECT RunId, {CompletenessChecks.ConditionArray(fields, parameters)} AS Checks
                      FROM ml_runs FINAL
                      WHERE RunId IN (SELECT RunId FROM ml_run_changes WHERE ChangedAt > fromUnixTimestamp64Milli({"{since:Int64}"})))
            )
            """;
        var scores = JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, cancellationToken)).ToList();
        if (scores.Count == 0)
        {
            return;
        }

        var scannedMs = scores[0].Int64("ScannedMs");
        var batch = new RowBatch();
        foreach (var score in scores)
        {
            RunCompletenessRows.Write(batch, new RunCompleteness(
                score.String("RunId"), score.Double("Score"), Strings(score, "Present"), Strings(score, "Missing"), (ulong)scannedMs * 1_000_000));
        }

        await pipeline.WriteAsync(Name, batch, cancellationToken);

        // A mark stamped just before the scan may not have been visible to it: look again that far back next time.
        _watermarkMs = Math.Max(_watermarkMs, scannedMs - (long)jobs.Settle.TotalMilliseconds);
    }

    private static List<string> Strings(System.Text.Json.JsonElement row, string column) =>
        [.. row.GetProperty(column).EnumerateArray().Select(v => v.GetString() ?? string.Empty)];
}
