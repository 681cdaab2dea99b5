using System.Security.Cryptography;

namespace Otel.Collector.Artifacts;

/// <summary>The one spelling of an artifact's address: 64 lowercase hex digits, stored under <c>sha256/ab/cdef…</c>.</summary>
internal static class ArtifactKey
{
    public const int HexLength = 64;

    /// <summary>Normalises to lowercase; false for anything but 64 hex digits.</summary>
    public static bool TryNormalize(string? text, out string sha256)
    {
        sha256 = "";
        if (text is null || text.Length != HexLength || !text.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        sha256 = text.ToLowerInvariant();
        return true;
    }

    /// <summary>Relative location, '/'-separated: two-digit fan-out keeps directories small.</summary>
    public static string RelativePath(string sha256) => $"sha256/{sha256[..2]}/{sha256[2..]}";

    public static string Hex(IncrementalHash hash) => Convert.ToHexStringLower(hash.GetHashAndReset());
}
