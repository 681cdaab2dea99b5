using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry.Governance;

/// <summary>
/// The read side of governance: gates now (the newest row of each alias, unless deleted), and the append-only
/// approvals, promotions and deployments. Every value reaches ClickHouse as a query parameter.
/// </summary>
internal sealed class GovernanceQueries(IClickHouseStore store)
{
    private const string GateColumns = """
        Alias, MinApprovals, MinCompleteness, RequireCleanTree, RequiredDatasets, MetricConditions, Deleted, UpdatedBy,
        toUnixTimestamp64Milli(UpdatedAt) AS UpdatedMs
        """;

    /// <summary>The alias's newest gate row, deleted or not (its time orders the next row), or null when it never had one.</summary>
    public async Task<(GateDefinitionRecord Gate, bool Deleted)?> LastGateAsync(string name, string alias, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {GateColumns} FROM ml_model_gates WHERE Name = {{name:String}} AND Alias = {{alias:String}} ORDER BY UpdatedAt DESC LIMIT 1";
        var rows = await RowsAsync(sql, Name(name).Add("alias", alias), cancellationToken);
        return rows.Count == 0 ? null : (ReadGate(rows[0]), rows[0].Int64("Deleted") != 0);
    }

    /// <summary>The gates in force on the name's aliases, by alias.</summary>
    public async Task<IReadOnlyList<GateDefinitionRecord>> GatesAsync(string name, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {GateColumns} FROM ml_model_gates WHERE Name = {"{name:String}"}
            ORDER BY Alias, UpdatedAt DESC LIMIT 1 BY Alias
            """;
        return (await RowsAsync(sql, Name(name), cancellationToken)).Where(r => r.Int64("Deleted") == 0).Select(ReadGate).ToList();
    }

    /// <summary>Every decision on the name's versions (of one version when given), oldest first.</summary>
    public async Task<IReadOnlyList<ApprovalRecord>> ApprovalsAsync(string name, long? version, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT Version, Alias, Decision, Actor, Comment, toUnixTimestamp64Milli(DecidedAt) AS DecidedMs, AuditEntryId
            FROM ml_model_approvals WHERE Name = {name:String} AND ({all:UInt8} = 1 OR Version = {version:UInt64})
            ORDER BY DecidedAt, Version, Alias
            """;
        var parameters = Name(name).Add("all", version is null ? 1 : 0).Add("version", version ?? 0);
        return (await RowsAsync(sql, parameters, cancellationToken)).Select(r => new ApprovalRecord
        {
            Version = r.Int64("Version"),
            Alias = r.String("Alias"),
            Decision = r.String("Decision"),
            Actor = r.String("Actor"),
            Comment = r.String("Comment"),
            DecidedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.Int64("DecidedMs")),
            AuditEntryId = r.String("AuditEntryId"),
        }).ToList();
    }

    /// <summary>Every promotion attempt of the name, refused ones included, oldest first.</summary>
    public async Task<IReadOnlyList<PromotionRecord>> PromotionsAsync(string name, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT Version, Alias, PreviousVersion, Promoted, Forced, Actor, toUnixTimestamp64Milli(At) AS AtMs, Verdicts, AuditEntryId
            FROM ml_model_promotions WHERE Name = {name:String} ORDER BY At
            """;
        return (await RowsAsync(sql, Name(name), cancellationToken)).Select(r => new PromotionRecord
        {
            Version = r.Int64("Version"),
            Alias = r.String("Alias"),
            PreviousVersion = r.Int64("PreviousVersion"),
            Promoted = r.Int64("Promoted") != 0,
            Forced = r.Int64("Forced") != 0,
            Actor = r.String("Actor"),
            At = DateTimeOffset.FromUnixTimeMilliseconds(r.Int64("AtMs")),
            Gates = r.String("Verdicts") is { Length: > 0 } verdicts ? JsonSerializer.Deserialize<List<GateVerdict>>(verdicts, QueryJson.Options) ?? [] : [],
            AuditEntryId = r.String("AuditEntryId"),
        }).ToList();
    }

    /// <summary>Every deployment of the name's versions, oldest first.</summary>
    public async Task<IReadOnlyList<DeploymentRecord>> DeploymentsAsync(string name, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT Name, Version, Environment, DeployedBy, toUnixTimestamp64Milli(DeployedAt) AS DeployedMs, Source, AuditEntryId
            FROM ml_model_deployments WHERE Name = {name:String} ORDER BY DeployedAt
            """;
        return (await RowsAsync(sql, Name(name), cancellationToken)).Select(r => new DeploymentRecord
        {
            Name = r.String("Name"),
            Version = r.Int64("Version"),
            Environment = r.String("Environment"),
            DeployedBy = r.String("DeployedBy"),
            DeployedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.Int64("DeployedMs")),
            Source = r.String("Source"),
            AuditEntryId = r.String("AuditEntryId"),
        }).ToList();
    }

    /// <summary>What <c>models show</c> adds to a model: its gates, decisions, promotions and deployments.</summary>
    public async Task<ModelGovernance> ForModelAsync(string name, CancellationToken cancellationToken) => new()
    {
        Gates = [.. await GatesAsync(name, cancellationToken)],
        Approvals = [.. await ApprovalsAsync(name, null, cancellationToken)],
        Promotions = [.. await PromotionsAsync(name, cancellationToken)],
        Deployments = [.. await DeploymentsAsync(name, cancellationToken)],
    };

    private static GateDefinitionRecord ReadGate(JsonElement row) => new()
    {
        Alias = row.String("Alias"),
        MinApprovals = row.Int64("MinApprovals"),
        MinCompleteness = row.NullableDouble("MinCompleteness"),
        RequireCleanTree = row.Int64("RequireCleanTree") != 0,
        RequiredDatasets = [.. row.GetProperty("RequiredDatasets").EnumerateArray().Select(e => e.GetString() ?? string.Empty)],
        Metrics = [.. row.GetProperty("MetricConditions").EnumerateArray().Select(e => e.GetString() ?? string.Empty)],
        UpdatedBy = row.String("UpdatedBy"),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.Int64("UpdatedMs")),
    };

    private static QueryParameters Name(string name) => new QueryParameters().Add("name", name);

    private async Task<List<JsonElement>> RowsAsync(string sql, QueryParameters parameters, CancellationToken cancellationToken) =>
        JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, cancellationToken)).ToList();
}
