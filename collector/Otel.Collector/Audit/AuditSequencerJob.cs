using Otel.Collector.ClickHouse;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Query;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Audit;

/// <summary>
/// The one sequencer of the audit chain: under the job lease <see cref="JobName"/>, it numbers the entries accepted by
/// any collector (<c>ml_audit_pending</c>) that the chain does not hold yet, chains them onto the head, and writes
/// them through the spool. It waits until its rows are visible before it ends a run, and a run in the same term first
/// waits for rows still in flight, so a holder never numbers from a head that lacks its own rows. Rows an earlier
/// holder spooled before losing the lease may land later: the term's first row voids them (<see cref="AuditChain"/>).
/// </summary>
internal sealed class AuditSequencerJob(IClickHouseStore store, ExportPipeline pipeline, AuditOptions options, TimeProvider time) : IJob
{
    public const string JobName = "audit-sequencer";

    private const string UnsequencedSql = $"""
        SELECT EntryId, any(toUnixTimestamp64Milli(Time)) AS TimeMs, any(Actor) AS Actor, any(Action) AS Action,
               any(Target) AS Target, any(Details) AS Details
        FROM ml_audit_pending
        WHERE EntryId NOT IN (SELECT EntryId FROM ml_audit_log WHERE {AuditChain.ValidRows})
        GROUP BY EntryId
        ORDER BY min(StoredAt), EntryId
        LIMIT {"{limit:UInt32}"}
        """;

    private const string VisibleSql = "SELECT count() AS Rows FROM ml_audit_log WHERE Term = {term:UInt64} AND Seq BETWEEN {first:UInt64} AND {last:UInt64}";

    private static readonly TimeSpan VisiblePoll = TimeSpan.FromMilliseconds(20);

    private readonly AuditChain _chain = new(store);

    /// <summary>Rows this holder spooled and has not yet seen stored.</summary>
    private InFlight? _inFlight;

    public string Name => JobName;

    public TimeSpan Interval => options.SequenceInterval;

    public async Task RunOnceAsync(JobRun run, CancellationToken cancellationToken)
    {
        if (_inFlight is { } earlier && earlier.Term == run.Term)
        {
            await WaitVisibleAsync(earlier, cancellationToken);
        }

        // Rows of an older term still in flight are voided by this term's first row, whenever they land.
        _inFlight = null;
        var cutoffs = await _chain.TermCutoffsAsync(cancellationToken);
        var head = await _chain.HeadAsync(cutoffs, cancellationToken);
        cutoffs.Add("limit", options.MaxEntriesPerRun);
        var pending = JsonRows.Parse(await store.QueryAsync(UnsequencedSql, "JSONEachRow", cutoffs, cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var seq = head?.Seq ?? 0;
        var prevHash = head?.Hash ?? AuditHash.Genesis;
        var batch = new RowBatch();
        foreach (var entry in pending)
        {
            seq++;
            var timeMs = entry.Int64("TimeMs");
            var (actor, action, target, details) = (entry.String("Actor"), entry.String("Action"), entry.String("Target"), entry.String("Details"));
            var hash = AuditHash.Compute(seq, timeMs, actor, action, target, details, prevHash);
            AuditRows.WriteEntry(batch, new AuditRow(seq, run.Term, entry.String("EntryId"), timeMs, actor, action, target, details, prevHash, hash), run.Holder);
            prevHash = hash;
        }

        var written = new InFlight(run.Term, seq - (ulong)pending.Count + 1, seq);
        await pipeline.WriteAsync(Name, batch, cancellationToken);
        _inFlight = written;
        await WaitVisibleAsync(written, cancellationToken);
        _inFlight = null;
    }

    /// <summary>Polls until every row of <paramref name="rows"/> is stored; the lease's token bounds the wait.</summary>
    private async Task WaitVisibleAsync(InFlight rows, CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters().Add("term", (long)rows.Term).Add("first", (long)rows.First).Add("last", (long)rows.Last);
        var expected = (long)(rows.Last - rows.First + 1);
        while (JsonRows.Parse(await store.QueryAsync(VisibleSql, "JSONEachRow", parameters, cancellationToken)).Single().Int64("Rows") < expected)
        {
            await Task.Delay(VisiblePoll, time, cancellationToken);
        }
    }

    private sealed record InFlight(ulong Term, ulong First, ulong Last);
}
