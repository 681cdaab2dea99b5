using System.Security.Cryptography;
using System.Text;

namespace Otel.Collector.Webhooks;

/// <summary>How a receiver knows a notification came from this collector: HMAC-SHA256 of the exact body bytes under the shared secret.</summary>
internal static class WebhookSignature
{
    /// <summary><c>sha256=</c> and the lowercase hex HMAC-SHA256 of the body.</summary>
    public const string SignatureHeader = "X-Otel-Track-Signature";

    /// <summary>Unix seconds when the attempt was sent (the body's <c>occurredAt</c> is when the fact happened).</summary>
    public const string TimestampHeader = "X-Otel-Track-Timestamp";

    /// <summary>The notification's id, the same on every retry of it.</summary>
    public const string DeliveryHeader = "X-Otel-Track-Delivery";

    /// <summary>The notification's type (<c>alias.moved</c>, <c>deployment.recorded</c>).</summary>
    public const string EventHeader = "X-Otel-Track-Event";

    private const string Prefix = "sha256=";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Whether <paramref name="header"/> is the signature of <paramref name="body"/>, compared in constant time.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(header));
}
