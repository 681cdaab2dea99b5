using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Otel.Collector.Audit;

/// <summary>
/// The hash of one audit entry (docs/audit.md, "Encoding"): lowercase hex SHA-256 over the version line
/// <c>otel-track-audit-v1\n</c> followed by each field as <c>LENGTH:BYTES\n</c> (LENGTH the decimal count of the
/// field's UTF-8 bytes), in the order Seq, Time, Actor, Action, Target, Details, PrevHash; Seq and Time (unix
/// milliseconds) as decimal digits. Length prefixes make the encoding unambiguous whatever a field contains.
/// </summary>
internal static class AuditHash
{
    /// <summary>The PrevHash of entry 1.</summary>
    public static readonly string Genesis = new('0', 64);

    private static readonly byte[] Version = "otel-track-audit-v1\n"u8.ToArray();

    public static string Compute(ulong seq, long timeMs, string actor, string action, string target, string details, string prevHash)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Version);
        Append(hash, seq.ToString(CultureInfo.InvariantCulture));
        Append(hash, timeMs.ToString(CultureInfo.InvariantCulture));
        Append(hash, actor);
        Append(hash, action);
        Append(hash, target);
        Append(hash, details);
        Append(hash, prevHash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string field)
    {
        var bytes = Encoding.UTF8.GetBytes(field);
        hash.AppendData(Encoding.ASCII.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture) + ":"));
        hash.AppendData(bytes);
        hash.AppendData("\n"u8);
    }
}
