using Otel.Collector.ClickHouse;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Query;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Production.Increments;

/// <summary>
/// Keeps <c>ml_serving_increments</c> and <c>ml_serving_increment_hours</c> (migration 0019): each run turns the
/// complete minutes since its last run, and the last <see cref="RecomputeHorizon"/> again for late points, into
/// per-series increments through <see cref="ServingMinutesSql.Increments"/> (the one place that knows resets), writes
/// every hour older than the horizon, and writes its progress with the rows through the pipeline.
/// </summary>
/// <remarks>
/// Telemetry arriving later than the horizon is not lost: <c>ml_serving_arrivals</c> records the earliest minute each
/// insert touched, and the next run recomputes from there (up to <see cref="ServingWindow.Longest"/> back); until it
/// has, readers compute those minutes live. A first run, or a run after a long backlog, goes <see cref="CatchUpStep"/> at a time and stops
/// taking more after a third of the lease; the next run carries on from the progress it wrote.
/// </remarks>
internal sealed class ServingIncrementsJob(IClickHouseStore store, ExportPipeline pipeline, JobOptions jobs, TimeProvider time) : IJob
{
    /// <summary>How far back every run recomputes minutes, so that points a few exports late replace what was written.</summary>
    public static readonly TimeSpan RecomputeHorizon = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The minutes one batch covers when catching up: small enough that a batch (two queries and a spooled write) ends
    /// well within the lease on a loaded machine, since the budget is checked between batches.
    /// </summary>
    public static readonly TimeSpan CatchUpStep = TimeSpan.FromMinutes(15);

    private static readonly string MinutesSql = $$"""
        SELECT Minute, MetricName, ModelName, ModelVersion, ServiceName, Feature, SeriesKey, Environment, RunId, Category, Route,
               Method, StatusCode, Bounds, Increase, Increases, SumIncrease, {computed_at:Int64} AS ComputedAt
        FROM ({{ServingMinutesSql.Increments("1")}})
        SETTINGS output_format_json_quote_64bit_integers = 0
        """;

    private static readonly string HoursSql = $$"""
        SELECT toStartOfHour(M) AS Hour, MetricName, ModelName, ModelVersion, ServiceName, Feature, SeriesKey, Environment, RunId,
               Category, Route, Method, StatusCode, Bounds,
               sum(I) AS Increase, sumForEach(Is) AS Increases, sum(S) AS SumIncrease, {computed_at:Int64} AS ComputedAt
        FROM (SELECT *, Minute AS M, Increase AS I, Increases AS Is, SumIncrease AS S FROM ({{ServingMinutesSql.Increments("1")}}))
        GROUP BY Hour, MetricName, ModelName, ModelVersion, ServiceName, Feature, SeriesKey, Environment, RunId, Category, Route,
                 Method, StatusCode, Bounds
        SETTINGS output_format_json_quote_64bit_integers = 0
        """;

    public string Name => IncrementsProgress.JobName;

    /// <summary>Every minute: readers compute live whatever the job has not covered yet, so this bounds their tail.</summary>
    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public async Task RunOnceAsync(JobRun run, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var progress = await IncrementsProgress.ReadAsync(store, cancellationToken);
        var end = ServingWindow.End(time.GetUtcNow()).AddMinutes(-1); // complete minutes only
        var oldest = end - ServingWindow.Longest;
        DateTimeOffset from;
        DateTimeOffset hoursThrough;
        if (progress.SnapshotAt == DateTimeOffset.UnixEpoch)
        {
            from = await EarliestMinuteAsync(oldest, cancellationToken) ?? end;
            hoursThrough = ServingHours.Floor(from);
        }
        else
        {
            from = new[] { progress.MinutesThrough, end - RecomputeHorizon, progress.LateFrom ?? end }.Min();
            hoursThrough = progress.HoursThrough;
        }

        from = Max(from, oldest);
        hoursThrough = Max(Min(hoursThrough, ServingHours.Floor(from)), ServingHours.Floor(oldest));
        while (from < end)
        {
            var through = Min(from + CatchUpStep, end);
            var hoursTo = ServingHours.Floor(Min(through, end - RecomputeHorizon));
            var computedAt = time.GetUtcNow();
            var batch = new RowBatch();
            try
            {
                ServingIncrementsRows.Copy(batch, StorageTable.MlServingIncrements, await QueryAsync(MinutesSql, from, through, computedAt, cancellationToken));
                if (hoursThrough < hoursTo)
                {
                    ServingIncrementsRows.Copy(batch, StorageTable.MlServingIncrementHours, await QueryAsync(HoursSql, hoursThrough, hoursTo, computedAt, cancellationToken));
                }

                ServingIncrementsRows.Progress(batch, progress.Now, through, Max(hoursTo, hoursThrough), computedAt);
            }
            catch
            {
                batch.Dispose();
                throw;
            }

            // Throws when the pipeline kept nothing: the next run starts again from the progress stored last.
            await pipeline.WriteAsync(Name, batch, cancellationToken);
            (from, hoursThrough) = (through, Max(hoursTo, hoursThrough));
            if (from < end && time.GetElapsedTime(started) >= jobs.LeaseDuration / 3)
            {
                return;
            }
        }
    }

    private async Task<byte[]> QueryAsync(string sql, DateTimeOffset from, DateTimeOffset to, DateTimeOffset computedAt, CancellationToken cancellationToken) =>
        await store.QueryAsync(
            sql,
            "JSONEachRow",
            new QueryParameters().AddWindow(from, to).Add("computed_at", computedAt.ToUnixTimeMilliseconds()),
            cancellationToken);

    private async Task<DateTimeOffset?> EarliestMinuteAsync(DateTimeOffset oldest, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT toUnixTimestamp(minOrNull(Minute)) AS Earliest FROM ml_serving_minutes WHERE Minute >= toDateTime({oldest:DateTime}, 'UTC')
            """;
        var output = await store.QueryAsync(sql, "JSONEachRow", new QueryParameters().Add("oldest", oldest.ToUnixTimeSeconds()), cancellationToken);
        return JsonRows.Parse(output).Single().NullableInt64("Earliest") is { } earliest ? DateTimeOffset.FromUnixTimeSeconds(earliest) : null;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
