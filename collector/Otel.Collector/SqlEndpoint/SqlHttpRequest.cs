using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Otel.Collector.ClickHouse;

namespace Otel.Collector.SqlEndpoint;

/// <summary>
/// A query as ClickHouse's HTTP interface takes it: the text in <c>?query=</c>, the POST body, or both (joined by a
/// newline); the body optionally gzip, deflate or br encoded; <c>param_NAME</c> query parameters; the protocol
/// parameters (<c>database</c>, <c>default_format</c>, <c>query_id</c>, <c>client_protocol_version</c>, session and
/// credential parameters); every other URL parameter is a setting.
/// </summary>
internal sealed class SqlHttpRequest
{
    /// <summary>URL parameters that are not settings. Sessions are accepted and ignored: every request stands alone.</summary>
    private static readonly HashSet<string> ProtocolParameters = new(
        ["query", "database", "default_format", "query_id", "client_protocol_version", "session_id", "session_timeout", "session_check",
         "user", "password", "quota_key", "compress", "decompress", "role"],
        StringComparer.Ordinal);

    private SqlHttpRequest(string query)
    {
        Query = query;
    }

    public string Query { get; }

    public string? Database { get; private init; }

    public string? DefaultFormat { get; private init; }

    public string? QueryId { get; private init; }

    /// <summary>The Native layout the client reads (clickhouse-go sends its TCP protocol revision); 0 when it did not say.</summary>
    public ulong ClientProtocolVersion { get; private init; }

    public QueryParameters Parameters { get; } = new();

    public List<KeyValuePair<string, string>> Settings { get; } = [];

    /// <exception cref="SqlEndpointException">The request is not one this endpoint can answer.</exception>
    public static async Task<SqlHttpRequest> ReadAsync(HttpRequest request, int maxQueryBytes, CancellationToken cancellationToken)
    {
        var url = request.Query;
        if (url["compress"] is ["1" or "true"] || url["decompress"] is ["1" or "true"])
        {
            throw new SqlEndpointException(ClickHouseErrors.NotImplemented,
                "ClickHouse-compressed blocks (compress=1, decompress=1) are not supported here: use HTTP compression (enable_http_compression=1 with Accept-Encoding: gzip)");
        }

        if (request.HasFormContentType)
        {
            throw new SqlEndpointException(ClickHouseErrors.NotImplemented, "External tables (multipart/form-data requests) are not supported here: send the query as the body or in ?query=");
        }

        var body = HttpMethods.IsPost(request.Method) ? await ReadBodyAsync(request, maxQueryBytes, cancellationToken) : string.Empty;
        var text = url["query"] is [{ } inUrl] ? (body.Length > 0 ? inUrl + "\n" + body : inUrl) : body;
        if (text.Length > maxQueryBytes)
        {
            throw TooLarge(maxQueryBytes);
        }

        var parsed = new SqlHttpRequest(text)
        {
            Database = Single(url, "database"),
            DefaultFormat = Single(url, "default_format"),
            QueryId = Single(url, "query_id"),
            ClientProtocolVersion = ulong.TryParse(Single(url, "client_protocol_version"), System.Globalization.CultureInfo.InvariantCulture, out var revision) ? revision : 0,
        };
        foreach (var (name, values) in url)
        {
            var value = values.ToString();
            if (name.StartsWith("param_", StringComparison.Ordinal))
            {
                var parameter = name["param_".Length..];
                if (!SqlIdentifier.IsValid(parameter))
                {
                    throw new SqlEndpointException(ClickHouseErrors.BadArguments, $"Query parameter name '{parameter}' is not an identifier (letters, digits, '_')");
                }

                parsed.Parameters.AddText(parameter, value);
            }
            else if (!ProtocolParameters.Contains(name))
            {
                parsed.Settings.Add(new(name, SqlSettingsPolicy.Literal(value)));
            }
        }

        return parsed;
    }

    private static string? Single(IQueryCollection url, string name) => url[name] is [{ Length: > 0 } value] ? value : null;

    private static async Task<string> ReadBodyAsync(HttpRequest request, int maxQueryBytes, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        await using Stream body = encoding switch
        {
            "" or "identity" => request.Body,
            "gzip" => new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "deflate" => new ZLibStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            "br" => new BrotliStream(request.Body, CompressionMode.Decompress, leaveOpen: true),
            _ => throw new SqlEndpointException(ClickHouseErrors.NotImplemented, $"Content-Encoding '{encoding}' is not supported here: send the query plain, gzip, deflate or br"),
        };
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxQueryBytes)
            {
                throw TooLarge(maxQueryBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static SqlEndpointException TooLarge(int maxQueryBytes) =>
        new(ClickHouseErrors.SyntaxError with { HttpStatus = 413 }, $"Max query size exceeded: this endpoint takes queries of up to {maxQueryBytes} bytes");
}
