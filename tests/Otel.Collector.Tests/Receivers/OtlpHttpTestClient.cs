using System.IO.Compression;
using System.Net.Http.Headers;
using Google.Protobuf;
using Google.Rpc;

namespace Otel.Collector.Tests.Receivers;

/// <summary>Builds OTLP/HTTP request bodies and reads responses.</summary>
internal static class OtlpHttpTestClient
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static ByteArrayContent Protobuf(IMessage message) => Body(message.ToByteArray(), "application/x-protobuf");

    public static ByteArrayContent Json(string json, string contentType = "application/json") =>
        Body(System.Text.Encoding.UTF8.GetBytes(json), contentType);

    public static ByteArrayContent Body(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static ByteArrayContent Gzip(byte[] body, string contentType)
    {
        var content = Body(Compress(body), contentType);
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    public static byte[] Compress(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(body);
        }

        return output.ToArray();
    }

    public static Task<HttpResponseMessage> PostOtlpAsync(this HttpClient client, string path, HttpContent content) =>
        client.PostAsync(new Uri(path, UriKind.Relative), content, Ct).WaitAsync(TestTimeout, Ct);

    public static Task<byte[]> ReadBytesAsync(HttpResponseMessage response) =>
        response.Content.ReadAsByteArrayAsync(Ct).WaitAsync(TestTimeout, Ct);

    public static Task<string> ReadTextAsync(HttpResponseMessage response) =>
        response.Content.ReadAsStringAsync(Ct).WaitAsync(TestTimeout, Ct);

    /// <summary>The google.rpc.Status error body, in whichever encoding the response declares.</summary>
    public static async Task<Status> ReadStatusAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            var parser = new JsonParser(JsonParser.Settings.Default.WithTypeRegistry(Google.Protobuf.Reflection.TypeRegistry.FromMessages(RetryInfo.Descriptor)));
            return parser.Parse<Status>(await ReadTextAsync(response));
        }

        return Status.Parser.ParseFrom(await ReadBytesAsync(response));
    }
}
