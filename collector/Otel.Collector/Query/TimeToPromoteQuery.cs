using Otel.Collector.ClickHouse;
using Otel.Tracking.Query;

namespace Otel.Collector.Query;

/// <summary>
/// The seeds' M4 from the registry: per version moved to <c>production</c> (by promotion, force or a plain set when
/// the alias has no gate), the seconds from its run's end to the first such move. Runs that never ended do not count.
/// Percentiles interpolate between the two nearest values, as numpy's default does.
/// </summary>
internal sealed class TimeToPromoteQuery(IClickHouseStore store)
{
    public const string Alias = "production";

    private const string Sql = """
        SELECT count() AS Versions,
               quantileExactInclusive(0.5)(Seconds) AS P50, quantileExactInclusive(0.9)(Seconds) AS P90, max(Seconds) AS Max
        FROM (
            SELECT m.Name, m.Version, dateDiff('millisecond', any(r.EndTime), min(m.MovedAt)) / 1000.0 AS Seconds
            FROM ml_model_alias_moves AS m
            INNER JOIN (SELECT Name, Version, argMax(RunId, UpdatedAt) AS RunId, argMax(Experiment, UpdatedAt) AS Experiment
                        FROM ml_model_versions GROUP BY Name, Version) AS v
                ON v.Name = m.Name AND v.Version = m.Version
            INNER JOIN (SELECT RunId, assumeNotNull(EndTime) AS EndTime FROM ml_runs FINAL WHERE EndTime IS NOT NULL) AS r
                ON r.RunId = v.RunId
            WHERE m.Alias = {alias:String} AND m.Version > 0
              AND ({experiment:String} = '' OR v.Experiment = {experiment:String})
            GROUP BY m.Name, m.Version)
        """;

    public async Task<TimeToPromote> GetAsync(string? experiment, CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters().Add("alias", Alias).Add("experiment", experiment ?? string.Empty);
        var row = JsonRows.Parse(await store.QueryAsync(Sql, "JSONEachRow", parameters, cancellationToken)).Single();
        var versions = row.Int64("Versions");
        return versions == 0
            ? new TimeToPromote(0, null, null, null)
            : new TimeToPromote(versions, row.Double("P50"), row.Double("P90"), row.Double("Max"));
    }
}
