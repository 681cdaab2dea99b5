using System.Globalization;
using Otel.Tracking.Query;

namespace Otel.Collector.Audit;

/// <summary>
/// Recomputes the chain from every row of <c>ml_audit_log</c> (docs/audit.md, "Verify"): Seq runs 1, 2, 3… without a
/// gap or a double, each PrevHash is the hash before it, each Hash matches its fields, every row voided by a newer
/// term carried an entry the chain holds, and, given an anchor, the chain still has the anchored hash at its Seq.
/// </summary>
internal static class AuditVerifier
{
    public static AuditVerification Verify(IReadOnlyList<AuditRow> rows, AuditAnchor? anchor)
    {
        var (valid, voided) = Split(rows);
        var faults = new List<AuditFault>();
        var expected = 1UL;
        var prevHash = AuditHash.Genesis;
        foreach (var row in valid)
        {
            if (row.Seq < expected)
            {
                faults.Add(new AuditFault(row.Seq, $"two entries have seq {row.Seq}: one was inserted"));
                break;
            }

            if (row.Seq > expected)
            {
                faults.Add(new AuditFault(expected, $"entry {expected} is missing: the chain jumps from {expected - 1} to {row.Seq} (deleted)"));
                break;
            }

            if (!string.Equals(row.PrevHash, prevHash, StringComparison.Ordinal))
            {
                faults.Add(new AuditFault(row.Seq, $"its PrevHash is not the hash of entry {row.Seq - 1}: an entry before it was edited, inserted, removed or reordered"));
                break;
            }

            if (!string.Equals(row.ExpectedHash(), row.Hash, StringComparison.Ordinal))
            {
                faults.Add(new AuditFault(row.Seq, "its hash does not match its fields: the entry was edited"));
                break;
            }

            expected++;
            prevHash = row.Hash;
        }

        var head = valid.Count > 0 ? valid[^1] : null;
        var ids = valid.Select(r => r.EntryId).ToHashSet(StringComparer.Ordinal);
        if (voided.FirstOrDefault(r => !ids.Contains(r.EntryId)) is { } orphan)
        {
            faults.Add(new AuditFault(orphan.Seq, $"a row of term {orphan.Term} at seq {orphan.Seq} was replaced by a newer term but its entry is not in the chain: an entry was inserted"));
        }

        if (anchor is { } a)
        {
            var anchored = valid.LastOrDefault(r => r.Seq == a.Seq);
            if (anchored is null)
            {
                faults.Add(new AuditFault(a.Seq, $"the chain has no entry {a.Seq} (it ends at {head?.Seq ?? 0}): entries up to the anchor were removed"));
            }
            else if (!string.Equals(anchored.Hash, a.Hash, StringComparison.OrdinalIgnoreCase))
            {
                faults.Add(new AuditFault(a.Seq, $"entry {a.Seq} no longer has the anchored hash: the chain was rewritten"));
            }
        }

        var first = faults.OrderBy(f => f.Seq).FirstOrDefault();
        return new AuditVerification(first is null, valid.Count, head is null ? new AuditHead(0, AuditHash.Genesis) : new AuditHead(head.Seq, head.Hash), first);
    }

    /// <summary>The rows of the chain and the rows a newer term voided (see <see cref="AuditChain"/>).</summary>
    private static (List<AuditRow> Valid, List<AuditRow> Voided) Split(IReadOnlyList<AuditRow> rows)
    {
        var starts = rows.GroupBy(r => r.Term).ToDictionary(g => g.Key, g => g.Min(r => r.Seq));
        var cutoff = new Dictionary<ulong, ulong>();
        var newer = ulong.MaxValue;
        foreach (var term in starts.Keys.OrderDescending())
        {
            cutoff[term] = newer;
            newer = Math.Min(newer, starts[term]);
        }

        var valid = new List<AuditRow>();
        var voided = new List<AuditRow>();
        foreach (var row in rows.OrderBy(r => r.Seq).ThenBy(r => r.Term))
        {
            (row.Seq < cutoff[row.Term] ? valid : voided).Add(row);
        }

        return (valid, voided);
    }
}

/// <summary>A head exported earlier (<c>audit head</c>): the chain must still have <see cref="Hash"/> at <see cref="Seq"/>.</summary>
internal readonly record struct AuditAnchor(ulong Seq, string Hash)
{
    /// <summary>Parses <c>SEQ:HASH</c>.</summary>
    public static bool TryParse(string? text, out AuditAnchor anchor)
    {
        anchor = default;
        var parts = (text ?? string.Empty).Split(':');
        if (parts.Length != 2 || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq == 0
            || parts[1].Length != 64 || !parts[1].All(char.IsAsciiHexDigit))
        {
            return false;
        }

        anchor = new AuditAnchor(seq, parts[1].ToLowerInvariant());
        return true;
    }
}
