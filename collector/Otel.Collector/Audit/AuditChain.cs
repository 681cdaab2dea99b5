using System.Globalization;
using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;

namespace Otel.Collector.Audit;

/// <summary>
/// Reads <c>ml_audit_log</c> as a chain. A lease term's first row voids every row of an older term from that Seq on:
/// rows an old holder spooled before it lost the lease may land after the next holder started, and they must neither
/// fork the chain nor hide the entries they carried (those stay unsequenced, and the new holder numbers them).
/// </summary>
internal sealed class AuditChain(IClickHouseStore store)
{
    /// <summary>Keeps the rows of the chain, given <see cref="TermCutoffsAsync"/>'s parameters <c>terms</c> and <c>cutoffs</c>.</summary>
    public const string ValidRows =
        "Seq < toUInt64OrZero(arrayElement({cutoffs:Array(String)}, indexOf({terms:Array(String)}, toString(Term))))";

    private const string Columns =
        "Seq, Term, EntryId, toUnixTimestamp64Milli(Time) AS TimeMs, Actor, Action, Target, Details, PrevHash, Hash";

    private const string TermStartsSql = "SELECT toString(Term) AS Term, toString(min(Seq)) AS Start FROM ml_audit_log GROUP BY Term ORDER BY Term";

    /// <summary>
    /// For each term, the Seq from which its rows are void: the smallest first Seq of any newer term (the newest term
    /// voids nothing). As <c>terms</c> and <c>cutoffs</c> parameters for <see cref="ValidRows"/>.
    /// </summary>
    public async Task<QueryParameters> TermCutoffsAsync(CancellationToken cancellationToken)
    {
        var starts = JsonRows.Parse(await store.QueryAsync(TermStartsSql, "JSONEachRow", null, cancellationToken))
            .Select(r => (Term: r.String("Term"), Start: ulong.Parse(r.String("Start"), CultureInfo.InvariantCulture)))
            .ToList();
        var cutoffs = new string[starts.Count];
        var cutoff = ulong.MaxValue;
        for (var i = starts.Count - 1; i >= 0; i--)
        {
            cutoffs[i] = cutoff.ToString(CultureInfo.InvariantCulture);
            cutoff = Math.Min(cutoff, starts[i].Start);
        }

        return new QueryParameters().Add("terms", starts.Select(s => s.Term)).Add("cutoffs", cutoffs);
    }

    /// <summary>The last entry of the chain, or null when it is empty.</summary>
    public async Task<AuditRow?> HeadAsync(QueryParameters cutoffs, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {Columns} FROM ml_audit_log WHERE {ValidRows} ORDER BY Seq DESC, Term DESC LIMIT 1";
        return JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", cutoffs, cancellationToken)).Select(Read).FirstOrDefault();
    }

    /// <summary>Every row, void ones included, by Seq then Term: what <c>audit verify</c> checks.</summary>
    public async Task<IReadOnlyList<AuditRow>> AllRowsAsync(CancellationToken cancellationToken)
    {
        var sql = $"SELECT {Columns} FROM ml_audit_log ORDER BY Seq, Term";
        return [.. JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", null, cancellationToken)).Select(Read)];
    }

    /// <summary>Entries of the chain about <paramref name="target"/> or named by <paramref name="entryIds"/> (the ids facts keep), by Seq.</summary>
    public async Task<IReadOnlyList<AuditRow>> BackingAsync(string target, IEnumerable<string> entryIds, CancellationToken cancellationToken)
    {
        var parameters = (await TermCutoffsAsync(cancellationToken)).Add("target", target).Add("ids", entryIds.Where(id => id.Length > 0).Distinct());
        var sql = $"SELECT {Columns} FROM ml_audit_log WHERE {ValidRows} AND (Target = {{target:String}} OR has({{ids:Array(String)}}, EntryId)) ORDER BY Seq";
        return [.. JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, cancellationToken)).Select(Read)];
    }

    /// <summary>Entries of the chain matching <paramref name="filter"/>, by Seq.</summary>
    public async Task<IReadOnlyList<AuditRow>> ListAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var parameters = await TermCutoffsAsync(cancellationToken);
        var conditions = new List<string> { ValidRows };
        AddCondition(conditions, parameters, "Target", "target", filter.Target);
        AddCondition(conditions, parameters, "Actor", "actor", filter.Actor);
        AddCondition(conditions, parameters, "Action", "action", filter.Action);
        if (filter.Since is { } since)
        {
            conditions.Add("Time >= fromUnixTimestamp64Milli({since:Int64})");
            parameters.Add("since", since.ToUnixTimeMilliseconds());
        }

        if (filter.Until is { } until)
        {
            conditions.Add("Time < fromUnixTimestamp64Milli({until:Int64})");
            parameters.Add("until", until.ToUnixTimeMilliseconds());
        }

        parameters.Add("limit", filter.Limit);
        var sql = $"SELECT {Columns} FROM ml_audit_log WHERE {string.Join(" AND ", conditions)} ORDER BY Seq LIMIT {{limit:UInt32}}";
        return [.. JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, cancellationToken)).Select(Read)];
    }

    public static AuditRow Read(JsonElement row) => new(
        (ulong)row.Int64("Seq"), (ulong)row.Int64("Term"), row.String("EntryId"), row.Int64("TimeMs"), row.String("Actor"),
        row.String("Action"), row.String("Target"), row.String("Details"), row.String("PrevHash"), row.String("Hash"));

    private static void AddCondition(List<string> conditions, QueryParameters parameters, string column, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            conditions.Add($"{column} = {{{name}:String}}");
            parameters.Add(name, value);
        }
    }
}
