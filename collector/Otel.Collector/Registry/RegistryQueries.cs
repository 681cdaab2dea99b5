using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry;

/// <summary>
/// The read side of the registry. Rows are never updated in place: a name's or a version's newest row (by UpdatedAt,
/// strictly increasing per key, <see cref="RegistryWriteContext.After"/>) is the current one, and an alias points
/// where its newest move says. Every value reaches ClickHouse as a query parameter.
/// </summary>
internal sealed class RegistryQueries(IClickHouseStore store)
{
    private const string VersionColumns = """
        Name, Version, RunId, Experiment, ArtifactPath, ArtifactSha256, ArtifactSize, Provenance, Params, Metrics, Datasets,
        Completeness, Baseline, Description, Tags, Archived, CreatedBy,
        toUnixTimestamp64Milli(CreatedAt) AS CreatedMs, toUnixTimestamp64Milli(UpdatedAt) AS UpdatedMs
        """;

    private const string MoveColumns = """
        Alias, Version, PreviousVersion, toUnixTimestamp64Milli(MovedAt) AS MovedMs, MovedBy, Reason, AuditEntryId
        """;

    /// <summary>The model's newest row, or null for a name never registered.</summary>
    public async Task<StoredModel?> GetModelAsync(string name, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT Name, Description, Tags, CreatedBy, toUnixTimestamp64Milli(CreatedAt) AS CreatedMs, toUnixTimestamp64Milli(UpdatedAt) AS UpdatedMs
            FROM ml_models WHERE Name = {name:String} ORDER BY UpdatedAt DESC LIMIT 1
            """;
        var rows = await RowsAsync(sql, Name(name), cancellationToken);
        return rows.Count == 0 ? null : ReadModel(rows[0]);
    }

    /// <summary>Every model with its newest version number and aliases now, by name.</summary>
    public async Task<IReadOnlyList<ModelSummary>> ListModelsAsync(CancellationToken cancellationToken)
    {
        const string modelsSql = """
            SELECT Name, Description, Tags, CreatedBy, toUnixTimestamp64Milli(CreatedAt) AS CreatedMs, toUnixTimestamp64Milli(UpdatedAt) AS UpdatedMs
            FROM ml_models ORDER BY Name, UpdatedAt DESC LIMIT 1 BY Name
            """;
        const string latestSql = "SELECT Name, max(Version) AS Latest FROM ml_model_versions GROUP BY Name";
        const string aliasesSql = """
            SELECT Name, Alias, argMax(Version, MovedAt) AS Current FROM ml_model_alias_moves GROUP BY Name, Alias HAVING Current != 0
            """;
        var latest = (await RowsAsync(latestSql, null, cancellationToken)).ToDictionary(r => r.String("Name"), r => r.Int64("Latest"), StringComparer.Ordinal);
        var aliases = (await RowsAsync(aliasesSql, null, cancellationToken)).ToLookup(r => r.String("Name"), StringComparer.Ordinal);
        return (await RowsAsync(modelsSql, null, cancellationToken)).Select(ReadModel).Select(m => new ModelSummary
        {
            Name = m.Name,
            LatestVersion = latest.GetValueOrDefault(m.Name),
            Aliases = aliases[m.Name].ToDictionary(r => r.String("Alias"), r => r.Int64("Current"), StringComparer.Ordinal),
            Description = m.Description,
            Tags = new Dictionary<string, string>(m.Tags, StringComparer.Ordinal),
        }).ToList();
    }

    /// <summary>A version's newest row with its frozen columns, or null when the name has no such version.</summary>
    public async Task<StoredVersion?> GetVersionAsync(string name, long version, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {VersionColumns} FROM ml_model_versions
            WHERE Name = {"{name:String}"} AND Version = {"{version:UInt64}"}
            ORDER BY UpdatedAt DESC LIMIT 1
            SETTINGS output_format_json_quote_denormals = 1
            """;
        var rows = await RowsAsync(sql, Name(name).Add("version", version), cancellationToken);
        return rows.Count == 0 ? null : ReadVersion(rows[0]);
    }

    /// <summary>Every version of a name, oldest first.</summary>
    public async Task<IReadOnlyList<StoredVersion>> ListVersionsAsync(string name, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {VersionColumns} FROM ml_model_versions WHERE Name = {"{name:String}"}
            ORDER BY Version, UpdatedAt DESC LIMIT 1 BY Version
            SETTINGS output_format_json_quote_denormals = 1
            """;
        return (await RowsAsync(sql, Name(name), cancellationToken)).Select(ReadVersion).ToList();
    }

    /// <summary>The version already registered from this run and artifact content, if any (registration is idempotent on them).</summary>
    public async Task<StoredVersion?> FindRegisteredAsync(string name, string runId, string sha256, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {VersionColumns} FROM ml_model_versions
            WHERE Name = {"{name:String}"} AND RunId = {"{run:String}"} AND ArtifactSha256 = {"{sha:String}"}
            ORDER BY Version, UpdatedAt DESC LIMIT 1
            SETTINGS output_format_json_quote_denormals = 1
            """;
        var rows = await RowsAsync(sql, Name(name).Add("run", runId).Add("sha", sha256), cancellationToken);
        return rows.Count == 0 ? null : ReadVersion(rows[0]);
    }

    /// <summary>The highest version number of a name; 0 when it has none.</summary>
    public async Task<long> MaxVersionAsync(string name, CancellationToken cancellationToken) =>
        (await RowsAsync("SELECT max(Version) AS Latest FROM ml_model_versions WHERE Name = {name:String}", Name(name), cancellationToken))
            .Select(r => r.Int64("Latest")).FirstOrDefault();

    /// <summary>The highest version number of a name that is not archived now; null when there is none.</summary>
    public async Task<long?> LatestActiveVersionAsync(string name, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT Version FROM (
                SELECT Version, argMax(Archived, UpdatedAt) AS IsArchived FROM ml_model_versions
                WHERE Name = {name:String} GROUP BY Version)
            WHERE IsArchived = 0 ORDER BY Version DESC LIMIT 1
            """;
        var rows = await RowsAsync(sql, Name(name), cancellationToken);
        return rows.Count == 0 ? null : rows[0].Int64("Version");
    }

    /// <summary>Each alias of the name and the version it points at now (deleted aliases left out).</summary>
    public Task<Dictionary<string, long>> AliasesAsync(string name, CancellationToken cancellationToken) =>
        AliasesAtAsync(name, null, cancellationToken);

    /// <summary>
    /// Each alias and the version it pointed at, at <paramref name="at"/> (to the millisecond, inclusive): its newest
    /// move at or before then. Moves of one alias never share a millisecond, so the answer is exact.
    /// </summary>
    public async Task<Dictionary<string, long>> AliasesAtAsync(string name, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT Alias, argMax(Version, MovedAt) AS Current FROM ml_model_alias_moves
            WHERE Name = {name:String} AND ({all:UInt8} = 1 OR MovedAt <= fromUnixTimestamp64Milli({at:Int64}))
            GROUP BY Alias HAVING Current != 0 ORDER BY Alias
            """;
        var parameters = Name(name).Add("all", at is null ? 1 : 0).Add("at", at?.ToUnixTimeMilliseconds() ?? 0);
        return (await RowsAsync(sql, parameters, cancellationToken)).ToDictionary(r => r.String("Alias"), r => r.Int64("Current"), StringComparer.Ordinal);
    }

    /// <summary>Every move of the name's aliases, oldest first.</summary>
    public async Task<IReadOnlyList<ModelAliasMove>> MovesAsync(string name, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {MoveColumns} FROM ml_model_alias_moves WHERE Name = {{name:String}} ORDER BY MovedAt, Alias";
        return (await RowsAsync(sql, Name(name), cancellationToken)).Select(ReadMove).ToList();
    }

    /// <summary>The newest move of one alias, or null when it never existed.</summary>
    public async Task<ModelAliasMove?> LastMoveAsync(string name, string alias, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {MoveColumns} FROM ml_model_alias_moves WHERE Name = {{name:String}} AND Alias = {{alias:String}} ORDER BY MovedAt DESC LIMIT 1";
        var rows = await RowsAsync(sql, Name(name).Add("alias", alias), cancellationToken);
        return rows.Count == 0 ? null : ReadMove(rows[0]);
    }

    /// <summary>Whether the alias has a gate now (a newest <c>ml_model_gates</c> row that is not deleted): only promotion moves it.</summary>
    public async Task<bool> IsGatedAsync(string name, string alias, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT argMax(Deleted, UpdatedAt) AS IsDeleted FROM ml_model_gates
            WHERE Name = {name:String} AND Alias = {alias:String} GROUP BY Name, Alias
            """;
        var rows = await RowsAsync(sql, Name(name).Add("alias", alias), cancellationToken);
        return rows.Count > 0 && rows[0].Int64("IsDeleted") == 0;
    }

    private static QueryParameters Name(string name) => new QueryParameters().Add("name", name);

    private static StoredModel ReadModel(JsonElement row) => new(
        row.String("Name"), row.String("Description"), row.Map("Tags"), row.String("CreatedBy"),
        DateTimeOffset.FromUnixTimeMilliseconds(row.Int64("CreatedMs")), DateTimeOffset.FromUnixTimeMilliseconds(row.Int64("UpdatedMs")));

    private static StoredVersion ReadVersion(JsonElement row)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var metric in row.GetProperty("Metrics").EnumerateObject())
        {
            metrics[metric.Name] = ParseMetric(metric.Value);
        }

        var datasets = row.String("Datasets") is { Length: > 0 } text ? JsonSerializer.Deserialize<List<ModelDataset>>(text, QueryJson.Options) ?? [] : [];
        var version = new ModelVersion
        {
            Name = row.String("Name"),
            Version = row.Int64("Version"),
            RunId = row.String("RunId"),
            Experiment = row.String("Experiment"),
            Artifact = new ModelArtifact(row.String("ArtifactPath"), row.String("ArtifactSha256"), row.Int64("ArtifactSize")),
            Provenance = row.Map("Provenance"),
            Params = row.Map("Params"),
            Metrics = metrics,
            Datasets = datasets,
            Completeness = row.TryGetProperty("Completeness", out var c) && c.ValueKind != JsonValueKind.Null ? row.Double("Completeness") : null,
            Description = row.String("Description"),
            Tags = row.Map("Tags"),
            Archived = row.Int64("Archived") != 0,
            CreatedBy = row.String("CreatedBy"),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.Int64("CreatedMs")),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.Int64("UpdatedMs")),
        };
        return new StoredVersion(version, row.String("Baseline"));
    }

    private static double ParseMetric(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String => value.GetString() switch
        {
            "inf" or "+inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            _ => double.NaN,
        },
        _ => double.NaN,
    };

    private static ModelAliasMove ReadMove(JsonElement row) => new(
        row.String("Alias"), row.Int64("Version"), row.Int64("PreviousVersion"), DateTimeOffset.FromUnixTimeMilliseconds(row.Int64("MovedMs")),
        row.String("MovedBy"), row.String("Reason"), row.String("AuditEntryId"));

    private async Task<List<JsonElement>> RowsAsync(string sql, QueryParameters? parameters, CancellationToken cancellationToken) =>
        JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, cancellationToken)).ToList();
}
