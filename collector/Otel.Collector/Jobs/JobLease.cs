using Otel.Collector.ClickHouse;
using Otel.Collector.Query;

namespace Otel.Collector.Jobs;

/// <summary>
/// One job's lease in <c>ml_job_leases</c> (docs/jobs.md). ClickHouse has no compare-and-set, so holders compete in
/// terms: once term N has expired anyone claims term N+1; claims made within the claim window of the first one
/// compete, and after the window has settled every collector reads the same winner back. The winner renews; each
/// renewal names the expiry it extends and counts only if it landed before it. ClickHouse's <c>now64()</c> stamps
/// every row and judges every deadline, so collector clocks never decide who holds a lease.
/// <para>
/// Lease rows are written directly, not through the spool: a claim is only meaningful with the server time at which
/// it was made, and the claimant must read it back within the settle time; a spooled claim could land arbitrarily
/// late (behind a backlog or an outage), and a replayed one would claim a term long decided.
/// </para>
/// </summary>
internal sealed class JobLease(IClickHouseStore store, string job, string holder, JobOptions options, TimeProvider time)
{
    private const string NewestTermSql = """
        SELECT toUnixTimestamp64Milli(now64(3)) AS NowMs, toString(max(Term)) AS Term
        FROM ml_job_leases WHERE Job = {job:String}
        """;

    private const string HoldersSql = """
        SELECT Holder,
               countIf(Kind = 'claim') AS Claims,
               toUnixTimestamp64Milli(minIf(At, Kind = 'claim')) AS ClaimedMs,
               toUnixTimestamp64Milli(maxIf(ExpiresAt, Kind = 'claim'
                   OR (Kind = 'renew' AND At < Extends - toIntervalMillisecond({settle:UInt32})))) AS ExpiresMs,
               countIf(Kind = 'release') AS Releases,
               toUnixTimestamp64Milli(minIf(At, Kind = 'release')) AS ReleasedMs
        FROM ml_job_leases
        WHERE Job = {job:String} AND Term = {term:UInt64}
        GROUP BY Holder
        """;

    private const string WriteSql = """
        INSERT INTO ml_job_leases (Job, Term, Holder, Kind, At, ExpiresAt, Extends)
        SELECT {job:String}, {term:UInt64}, {holder:String}, {kind:String}, now64(3),
               now64(3) + toIntervalMillisecond({duration:UInt32}), fromUnixTimestamp64Milli({extends:Int64})
        """;

    /// <summary>A little past a computed moment, so the next look is on the far side of it.</summary>
    private static readonly TimeSpan Past = TimeSpan.FromMilliseconds(20);

    public string Job => job;

    /// <summary>Reads the lease and does what this holder should: claim, join a claim, renew, or wait.</summary>
    public async Task<LeaseOutcome> StepAsync(CancellationToken cancellationToken)
    {
        var state = await ReadAsync(cancellationToken);
        switch (state.Phase)
        {
            case LeasePhase.Open:
                await WriteAsync(state.Term + 1, "claim", options.LeaseDuration, 0, cancellationToken);
                return LeaseOutcome.NotHeld(options.ClaimWindow + options.Settle + Past);

            case LeasePhase.Claiming:
                if (!state.Claimants.Contains(holder) && state.NowMs <= state.WindowEndMs)
                {
                    await WriteAsync(state.Term, "claim", options.LeaseDuration, 0, cancellationToken);
                }

                return LeaseOutcome.NotHeld(TimeSpan.FromMilliseconds(state.DecidedAtMs - state.NowMs) + Past);

            case LeasePhase.Held when state.Winner != holder:
                return LeaseOutcome.NotHeld(Min(options.RenewInterval, TimeSpan.FromMilliseconds(state.ExpiresAtMs - state.NowMs) + Past));

            default:
                return await RenewAsync(state, cancellationToken);
        }
    }

    /// <summary>Ends this holder's term now, so another collector need not wait for it to expire. Best effort.</summary>
    public async Task ReleaseAsync(ulong term, CancellationToken cancellationToken) =>
        await WriteAsync(term, "release", TimeSpan.Zero, 0, cancellationToken);

    private async Task<LeaseOutcome> RenewAsync(LeaseState state, CancellationToken cancellationToken)
    {
        // Measured before the read: the server time read afterwards is later, so the remaining time errs short.
        var measuredFrom = time.GetTimestamp();
        await WriteAsync(state.Term, "renew", options.LeaseDuration, state.ExpiresAtMs, cancellationToken);
        var renewed = await ReadAsync(cancellationToken);
        if (renewed.Term != state.Term || renewed.Phase != LeasePhase.Held || renewed.Winner != holder)
        {
            return LeaseOutcome.NotHeld(Past);
        }

        // Stop a settle time early: what a slightly slow local clock would miss.
        var heldFor = TimeSpan.FromMilliseconds(renewed.ExpiresAtMs - renewed.NowMs) - options.Settle;
        return heldFor > TimeSpan.Zero
            ? new LeaseOutcome(state.Term, heldFor, measuredFrom, options.RenewInterval)
            : LeaseOutcome.NotHeld(TimeSpan.FromMilliseconds(renewed.ExpiresAtMs - renewed.NowMs) + Past);
    }

    private async Task<LeaseState> ReadAsync(CancellationToken cancellationToken)
    {
        var job = new QueryParameters().Add("job", Job);
        var newest = JsonRows.Parse(await store.QueryAsync(NewestTermSql, "JSONEachRow", job, cancellationToken)).Single();
        var term = ulong.Parse(newest.String("Term"), System.Globalization.CultureInfo.InvariantCulture);
        var nowMs = newest.Int64("NowMs");
        if (term == 0)
        {
            return LeaseState.Decide(0, [], nowMs, options);
        }

        var parameters = new QueryParameters().Add("job", Job).Add("term", (long)term).Add("settle", (long)options.Settle.TotalMilliseconds);
        var rows = JsonRows.Parse(await store.QueryAsync(HoldersSql, "JSONEachRow", parameters, cancellationToken))
            .Select(r => new LeaseHolderRows(
                r.String("Holder"),
                r.Int64("Claims") > 0 ? r.Int64("ClaimedMs") : null,
                r.Int64("ExpiresMs"),
                r.Int64("Releases") > 0 ? r.Int64("ReleasedMs") : null))
            .ToList();
        return LeaseState.Decide(term, rows, nowMs, options);
    }

    private Task WriteAsync(ulong term, string kind, TimeSpan duration, long extendsMs, CancellationToken cancellationToken) =>
        store.ExecuteAsync(WriteSql, new QueryParameters()
            .Add("job", Job)
            .Add("term", (long)term)
            .Add("holder", holder)
            .Add("kind", kind)
            .Add("duration", (long)duration.TotalMilliseconds)
            .Add("extends", extendsMs), cancellationToken);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
