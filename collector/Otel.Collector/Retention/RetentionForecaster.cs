using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Collector.Time;
using Otel.Tracking.Query;

namespace Otel.Collector.Retention;

/// <summary>
/// <c>retention show</c>: per policy, what the job deletes on its next pass (rows older than now minus the days, in
/// runs that are neither held nor registered) and when the oldest row it keeps falls due. Counts are rows as stored,
/// the unit the job deletes.
/// </summary>
internal sealed class RetentionForecaster(IClickHouseStore store, TimeProvider time)
{
    public async Task<RetentionForecast> ForecastAsync(RetentionPolicy policy, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var record = new RetentionPolicyRecord(policy.Experiment, policy.PointsDays, policy.RawDays, policy.ArtifactDays, policy.UpdatedBy, policy.UpdatedAt);
        var protectedRuns = (await RowsAsync(RetentionScope.ProtectedRunCount, RetentionScope.Parameters(policy.Experiment, 0), ct)).Single().Int64("N");
        return new RetentionForecast(
            record,
            policy.PointsDays is { } points ? await DueAsync(policy.Experiment, points, now, RetentionScope.Points, ct) : null,
            policy.RawDays is { } raw ? await DueAsync(policy.Experiment, raw, now, RetentionScope.Raw, ct) : null,
            policy.ArtifactDays is { } artifacts ? await DueAsync(policy.Experiment, artifacts, now, RetentionScope.Artifacts, ct) : null,
            protectedRuns);
    }

    /// <summary>The cutoff of a policy of <paramref name="days"/> at <paramref name="now"/>, in unix nanoseconds.</summary>
    public static long CutoffNanos(int days, DateTimeOffset now) => (long)UnixTime.ToNanos(now - TimeSpan.FromDays(days));

    private async Task<RetentionDue> DueAsync(string experiment, int days, DateTimeOffset now, IReadOnlyList<RetentionTarget> targets, CancellationToken ct)
    {
        var cutoff = CutoffNanos(days, now);
        var parameters = RetentionScope.Parameters(experiment, cutoff);
        long due = 0;
        var runs = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset? oldestKept = null;
        foreach (var target in targets)
        {
            var sql = $"""
                SELECT count() AS Due, groupUniqArray({target.RunColumn}) AS Runs,
                       (SELECT toUnixTimestamp64Nano(toDateTime64(min({target.TimeColumn}), 9)) FROM {target.From} WHERE {target.Kept}) AS OldestKeptNs,
                       (SELECT count() FROM {target.From} WHERE {target.Kept}) AS Kept
                FROM {target.From} WHERE {target.Due}
                """;
            var row = (await RowsAsync(sql, parameters, ct)).Single();
            due += row.Int64("Due");
            runs.UnionWith(row.GetProperty("Runs").EnumerateArray().Select(r => r.GetString()!));
            if (row.Int64("Kept") > 0)
            {
                var kept = row.Time("OldestKeptNs");
                oldestKept = oldestKept is null || kept < oldestKept ? kept : oldestKept;
            }
        }

        return new RetentionDue(days, UnixTime.FromNanos(cutoff), due, runs.Count, oldestKept?.AddDays(days));
    }

    private async Task<List<System.Text.Json.JsonElement>> RowsAsync(string sql, QueryParameters parameters, CancellationToken ct) =>
        JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, ct)).ToList();
}
