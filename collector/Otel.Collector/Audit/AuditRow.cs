namespace Otel.Collector.Audit;

/// <summary>One row of <c>ml_audit_log</c>: an entry of the chain, with the lease term that wrote it and the id it was accepted under.</summary>
internal sealed record AuditRow(
    ulong Seq, ulong Term, string EntryId, long TimeMs, string Actor, string Action, string Target, string Details, string PrevHash, string Hash)
{
    /// <summary>The hash this row's fields call for, to compare with <see cref="Hash"/>.</summary>
    public string ExpectedHash() => AuditHash.Compute(Seq, TimeMs, Actor, Action, Target, Details, PrevHash);
}
