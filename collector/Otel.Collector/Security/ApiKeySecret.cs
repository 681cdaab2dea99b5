using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Otel.Collector.Security;

/// <summary>
/// Key material: 32 random bytes, base64url, behind the prefix <c>otk_</c> so that a leaked key is recognisable
/// (by secret scanners and by people). Only SHA-256 hashes are kept; a 256-bit random key needs no salt or slow hash.
/// </summary>
internal static class ApiKeySecret
{
    public const string Prefix = "otk_";

    private const int RandomBytes = 32;

    public static string Generate() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>A short random id, 8 hexadecimal digits, unrelated to any key.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string HashHex(string key) => Convert.ToHexStringLower(Hash(key));
}
