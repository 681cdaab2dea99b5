using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry.Governance;

/// <summary>
/// Who approves a version for an alias now: each identity's latest decision for that version and alias counts, so a
/// later reject withdraws an earlier approval (and a later approve restores it); the registrant never counts.
/// </summary>
internal static class ApprovalTally
{
    public const string Approve = "approve";
    public const string Reject = "reject";

    /// <summary>Each identity's latest decision on <paramref name="version"/> for <paramref name="alias"/>, by identity.</summary>
    public static IReadOnlyDictionary<string, ApprovalRecord> Latest(IEnumerable<ApprovalRecord> decisions, long version, string alias) =>
        decisions
            .Where(d => d.Version == version && string.Equals(d.Alias, alias, StringComparison.Ordinal))
            .GroupBy(d => d.Actor, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(d => d.DecidedAt)!, StringComparer.Ordinal);

    /// <summary>The identities, other than <paramref name="registrant"/>, whose latest decision approves; in name order.</summary>
    public static IReadOnlyList<string> Approvers(IEnumerable<ApprovalRecord> decisions, long version, string alias, string registrant) =>
        [.. Latest(decisions, version, alias).Values
            .Where(d => d.Decision == Approve && !string.Equals(d.Actor, registrant, StringComparison.Ordinal))
            .Select(d => d.Actor)
            .Order(StringComparer.Ordinal)];

    /// <summary>The identities whose latest decision rejects; in name order.</summary>
    public static IReadOnlyList<string> Rejecters(IEnumerable<ApprovalRecord> decisions, long version, string alias) =>
        [.. Latest(decisions, version, alias).Values.Where(d => d.Decision == Reject).Select(d => d.Actor).Order(StringComparer.Ordinal)];
}
