using Otel.Collector.ClickHouse;
using Otel.Collector.Query;

namespace Otel.Collector.Production.Increments;

/// <summary>
/// How far the serving-increments job has got, and what arrived since (migration 0019): after the job's last run every
/// minute before <see cref="MinutesThrough"/> and every hour before <see cref="HoursThrough"/> of
/// <c>ml_serving_increments</c> and <c>ml_serving_increment_hours</c> held what had arrived by <see cref="SnapshotAt"/>;
/// <see cref="LateFrom"/> is the earliest minute touched by serving telemetry that arrived after that (or shortly before:
/// an insert may become visible a little after its arrival was stamped), null when none did. <see cref="Now"/> is
/// ClickHouse's clock when this was read: the snapshot of the job's run that read it.
/// </summary>
internal sealed record IncrementsProgress(
    DateTimeOffset SnapshotAt, DateTimeOffset MinutesThrough, DateTimeOffset HoursThrough, DateTimeOffset? LateFrom, DateTimeOffset Now)
{
    /// <summary>The job's lease name, and the <c>Job</c> of its progress rows.</summary>
    public const string JobName = "serving-increments";

    /// <summary>
    /// Arrivals stamped this long before a snapshot still count as late: an insert is stamped (by the view, at insert
    /// time) before it becomes visible, so one stamped just before the job's snapshot may not have been in what the job
    /// read. A recompute of what was already covered is harmless; an insert that takes longer than this to become
    /// visible, and lands in a minute older than the recompute horizon, is missed (docs/drift.md).
    /// </summary>
    public static readonly TimeSpan ArrivalSlack = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Up to where the stored increments can be read as they are: the job's minutes, less any minute a late arrival
    /// touched (from there on, readers compute live through <see cref="ServingMinutesSql.Increments"/>).
    /// </summary>
    public DateTimeOffset ReadableThrough => LateFrom is { } late && late < MinutesThrough ? late : MinutesThrough;

    /// <summary>Up to where stored hours can be read: the job's hours, ending before the hour of a late arrival.</summary>
    public DateTimeOffset ReadableHoursThrough => Min(HoursThrough, ServingHours.Floor(ReadableThrough));

    /// <summary>Reads the newest progress row (none yet: nothing covered) and the arrivals since its snapshot, in one query.</summary>
    public static async Task<IncrementsProgress> ReadAsync(IClickHouseStore store, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT toUnixTimestamp64Milli(P.1) AS SnapshotAt, toUnixTimestamp(P.2) AS MinutesThrough, toUnixTimestamp(P.3) AS HoursThrough,
                   (SELECT toUnixTimestamp(minOrNull(EarliestMinute)) FROM ml_serving_arrivals
                    WHERE ArrivedAt >= (SELECT max(SnapshotAt) FROM ml_serving_increments_progress WHERE Job = {job:String}) - toIntervalSecond({slack:UInt32})) AS LateFrom,
                   toUnixTimestamp64Milli(now64(3)) AS Now
            FROM (SELECT argMax(tuple(SnapshotAt, MinutesThrough, HoursThrough), tuple(SnapshotAt, ComputedAt)) AS P
                  FROM ml_serving_increments_progress WHERE Job = {job:String})
            SETTINGS output_format_json_quote_64bit_integers = 0
            """;
        var parameters = new QueryParameters().Add("job", JobName).Add("slack", (long)ArrivalSlack.TotalSeconds);
        var row = JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, cancellationToken)).Single();
        return new IncrementsProgress(
            DateTimeOffset.FromUnixTimeMilliseconds(row.Int64("SnapshotAt")),
            DateTimeOffset.FromUnixTimeSeconds(row.Int64("MinutesThrough")),
            DateTimeOffset.FromUnixTimeSeconds(row.Int64("HoursThrough")),
            row.NullableInt64("LateFrom") is { } late ? DateTimeOffset.FromUnixTimeSeconds(late) : null,
            DateTimeOffset.FromUnixTimeMilliseconds(row.Int64("Now")));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
