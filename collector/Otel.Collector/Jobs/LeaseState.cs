namespace Otel.Collector.Jobs;

/// <summary>Where a job's lease stands, as of ClickHouse's clock when it was read.</summary>
internal enum LeasePhase
{
    /// <summary>No term yet, or the newest term has expired: claim the next one.</summary>
    Open,

    /// <summary>Claims for the newest term are being made or are settling: wait for the decision.</summary>
    Claiming,

    /// <summary>The newest term has a winner whose lease has not expired.</summary>
    Held,
}

/// <summary>
/// The lease of one job decided from the rows of its newest term. Every collector that reads the same rows after the
/// claim window has settled decides the same winner: the earliest claim made within the window (then the smallest
/// holder id). A claim made after the window is ignored, so a late claimant can never overturn a decided term.
/// </summary>
internal sealed record LeaseState(ulong Term, LeasePhase Phase, string? Winner, long NowMs, long DecidedAtMs, long ExpiresAtMs, IReadOnlySet<string> Claimants)
{
    /// <summary>When the newest term's claims stop being accepted (only meaningful while <see cref="LeasePhase.Claiming"/>).</summary>
    public long WindowEndMs { get; init; }

    public static LeaseState Decide(ulong term, IReadOnlyList<LeaseHolderRows> rows, long nowMs, JobOptions options)
    {
        var claimants = rows.Where(r => r.ClaimedAtMs is not null).Select(r => r.Holder).ToHashSet(StringComparer.Ordinal);
        if (term == 0 || rows.Count == 0)
        {
            return new LeaseState(term, LeasePhase.Open, null, nowMs, 0, 0, claimants);
        }

        string winner;
        long decidedAt = 0;
        if (claimants.Count > 0)
        {
            var windowEnd = rows.Where(r => r.ClaimedAtMs is not null).Min(r => r.ClaimedAtMs!.Value) + (long)options.ClaimWindow.TotalMilliseconds;
            decidedAt = windowEnd + (long)options.Settle.TotalMilliseconds;
            if (nowMs <= decidedAt)
            {
                return new LeaseState(term, LeasePhase.Claiming, null, nowMs, decidedAt, 0, claimants) { WindowEndMs = windowEnd };
            }

            winner = rows.Where(r => r.ClaimedAtMs <= windowEnd)
                .OrderBy(r => r.ClaimedAtMs).ThenBy(r => r.Holder, StringComparer.Ordinal).First().Holder;
        }
        else
        {
            // The claims of a term held for longer than the table's TTL are gone; only its winner ever renews.
            winner = rows.MaxBy(r => r.ExpiresAtMs).Holder;
        }

        var held = rows.First(r => r.Holder == winner);
        var expires = held.ReleasedAtMs is { } released ? Math.Min(held.ExpiresAtMs, released) : held.ExpiresAtMs;
        return new LeaseState(term, nowMs < expires ? LeasePhase.Held : LeasePhase.Open, winner, nowMs, decidedAt, expires, claimants);
    }
}
