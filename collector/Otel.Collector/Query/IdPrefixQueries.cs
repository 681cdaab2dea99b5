using Otel.Collector.ClickHouse;

namespace Otel.Collector.Query;

/// <summary>
/// The ids of one kind that are, or start with, what a user typed. Every kind's id column leads a primary key or has
/// a bloom filter index, and <c>startsWith</c> with a parameter becomes a key range, so a prefix reads a few granules.
/// Deleted and archived runs match too: the commands that bring them back need them.
/// </summary>
internal sealed class IdPrefixQueries(IClickHouseStore store)
{
    /// <summary>
    /// The first <paramref name="limit"/> ids of <paramref name="kind"/> by id that equal <paramref name="text"/>
    /// (<paramref name="exactOnly"/>) or start with it, and how many there are in all.
    /// </summary>
    public async Task<(List<IdMatch> Matches, long Total)> FindAsync(IdKind kind, string text, bool exactOnly, int limit, CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters()
            .Add("text", kind == IdKind.Artifact ? text.ToLowerInvariant() : text) // artifact SHA-256s are stored in lowercase hex
            .Add("limit", limit);
        var rows = JsonRows.Parse(await store.QueryAsync(Sql(kind, exactOnly), "JSONEachRow", parameters, cancellationToken)).ToList();
        var matches = rows.Select(r => new IdMatch(r.String("MatchId"), kind.Name, r.String("MatchExperiment"), r.String("MatchName"), r.Time("MatchStartNs"))).ToList();
        return (matches, rows.Count == 0 ? 0 : rows[0].Int64("MatchTotal"));
    }

    /// <summary>Only the column names and the comparison vary, chosen from constants here; the text is a parameter.</summary>
    private static string Sql(IdKind kind, bool exactOnly)
    {
        string Match(string column) => exactOnly ? $"{column} = {{text:String}}" : $"startsWith({column}, {{text:String}})";

        if (kind == IdKind.Run)
        {
            // A renamed run shows its new name (migration 0013), as every list does.
            return $"""
                SELECT r.RunId AS MatchId, r.LatestExperiment AS MatchExperiment, if(l.NewName != '', l.NewName, r.LatestName) AS MatchName,
                       toUnixTimestamp64Nano(r.FirstStart) AS MatchStartNs, count() OVER () AS MatchTotal
                FROM (SELECT RunId, argMax(Experiment, Version) AS LatestExperiment, argMax(RunName, Version) AS LatestName, min(StartTime) AS FirstStart
                      FROM ml_runs WHERE {Match("RunId")} GROUP BY RunId) AS r
                LEFT JOIN (SELECT RunId, argMaxIf(Value, Version, Field = 'name') AS NewName
                           FROM ml_run_lifecycle WHERE {Match("RunId")} GROUP BY RunId) AS l ON r.RunId = l.RunId
                ORDER BY MatchId LIMIT {"{limit:UInt32}"}
                """;
        }

        var (table, column, name) = kind == IdKind.Dataset ? ("ml_datasets", "Digest", "Name") : ("ml_artifacts", "Sha256", "Path");
        return $"""
            SELECT {column} AS MatchId, any(Experiment) AS MatchExperiment, any({name}) AS MatchName,
                   toUnixTimestamp64Nano(min(LoggedAt)) AS MatchStartNs, count() OVER () AS MatchTotal
            FROM {table} WHERE {Match(column)} GROUP BY {column}
            ORDER BY MatchId LIMIT {"{limit:UInt32}"}
            """;
    }
}
