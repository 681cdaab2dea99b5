using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Otel.Collector.Artifacts.S3;

/// <summary>
/// AWS Signature Version 4 for S3 (header form): canonical request → string to sign → HMAC chain over date,
/// region and service. Hand-written because no AWS SDK package is available; checked against AWS's published example.
/// </summary>
internal static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Service = "s3";

    /// <summary>SHA-256 of no bytes: the payload hash of GET and HEAD.</summary>
    public const string EmptyPayloadSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>
    /// Adds <c>x-amz-date</c>, <c>x-amz-content-sha256</c> and <c>Authorization</c> to <paramref name="request"/>,
    /// signing host and every <c>x-amz-*</c> header it carries.
    /// </summary>
    public static void Sign(HttpRequestMessage request, string payloadSha256, DateTimeOffset now, string region, string accessKey, string secretKey)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("the request has no URI", nameof(request));
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        request.Headers.Add("x-amz-date", amzDate);
        request.Headers.Add("x-amz-content-sha256", payloadSha256);

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = uri.Authority };
        foreach (var (name, values) in request.Headers)
        {
            if (name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            {
                headers[name.ToLowerInvariant()] = string.Join(',', values);
            }
        }

        var authorization = Authorization(request.Method.Method, CanonicalUri(uri), CanonicalQuery(uri), headers, payloadSha256, now, region, accessKey, secretKey);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
    }

    /// <summary>The <c>Authorization</c> header value; <paramref name="headers"/> are lowercase names, all signed.</summary>
    internal static string Authorization(
        string method, string canonicalUri, string canonicalQuery, SortedDictionary<string, string> headers,
        string payloadSha256, DateTimeOffset now, string region, string accessKey, string secretKey)
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = amzDate[..8];
        var scope = $"{day}/{region}/{Service}/aws4_request";
        var signedHeaders = string.Join(';', headers.Keys);

        var canonical = new StringBuilder()
            .Append(method).Append('\n')
            .Append(canonicalUri).Append('\n')
            .Append(canonicalQuery).Append('\n');
        foreach (var (name, value) in headers)
        {
            canonical.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(payloadSha256);

        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), day);
        key = Hmac(key, region);
        key = Hmac(key, Service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));
        return $"{Algorithm} Credential={accessKey}/{scope},SignedHeaders={signedHeaders},Signature={signature}";
    }

    /// <summary>The path with each segment percent-encoded as S3 expects (RFC 3986 unreserved characters kept).</summary>
    internal static string CanonicalUri(Uri uri)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        return string.Join('/', path.Split('/').Select(Encode));
    }

    private static string CanonicalQuery(Uri uri)
    {
        if (string.IsNullOrEmpty(uri.Query) || uri.Query == "?")
        {
            return "";
        }

        var pairs = uri.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            return (Name: Encode(name), Value: Encode(value));
        });
        return string.Join('&', pairs.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal).Select(p => p.Name + "=" + p.Value));
    }

    internal static string Encode(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                result.Append(c);
            }
            else
            {
                result.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return result.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
