using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace Otel.Collector.SqlEndpoint;

/// <summary>
/// Compresses a result as ClickHouse does: only when the request sets <c>enable_http_compression=1</c> and its
/// Accept-Encoding names gzip, deflate or br (clickhouse-go and the JavaScript client ask this way; without the setting
/// the answer is plain, as from a ClickHouse server).
/// </summary>
internal static class HttpResponseCompression
{
    /// <summary>In ClickHouse's order of preference.</summary>
    private static readonly string[] Supported = ["gzip", "deflate", "br"];

    public static string? Choose(HttpRequest request, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var enabled = settings.LastOrDefault(s => s.Key.Equals("enable_http_compression", StringComparison.OrdinalIgnoreCase)).Value is "1" or "true" or "'1'" or "'true'";
        if (!enabled)
        {
            return null;
        }

        var accepted = request.Headers.AcceptEncoding.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split(';')[0].Trim().ToLowerInvariant()).ToList();
        return Supported.FirstOrDefault(accepted.Contains);
    }

    public static byte[] Compress(byte[] body, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
        })
        {
            compressor.Write(body);
        }

        return output.ToArray();
    }
}
