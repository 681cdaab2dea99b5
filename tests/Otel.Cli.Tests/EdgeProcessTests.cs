using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// The real serve process under hostile senders: gzip bombs over every transport, with its peak memory read
/// from the kernel.
/// </summary>
public sealed class EdgeProcessTests
{
    private const int Bombs = 16;

    // Each bomb decompresses to about 30 MB, under the 32 MiB body limit, so only the item count refuses it.
    private const int BombSpans = 15_000_000;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>
    /// Sixteen gzip bombs of empty spans at once (about 30 KB each, 15 million spans): every one is refused with
    /// the limit it broke, the process's peak resident memory grows by less than the bound, and a valid request
    /// is stored afterwards. Before the item counts, one such bomb took 4.3 GB. The bound: each bomb is held
    /// decompressed while its items are counted (at most the 32 MiB body limit; gRPC holds it twice, the
    /// framework's buffer and the receiver's copy), so 16 × 2 × 32 MiB = 1 GiB, plus 256 MiB for the runtime.
    /// </summary>
    [Theory]
    [InlineData("http-protobuf")]
    [InlineData("http-json")]
    [InlineData("grpc")]
    public async Task Serve_SixteenGzipBombsAtOnce_RefusesEachWithBoundedMemoryAndThenStoresValidData(string transport)
    {
        const long BoundBytes = (Bombs * 2L * 32 * 1024 * 1024) + (256L * 1024 * 1024);
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        using var http = new HttpClient { Timeout = CliProcess.Timeout };
        await AssertStoresValidAsync(http, serve);
        var before = ProcessMemory(serve.Pid, "VmRSS");

        var bomb = transport == "http-json" ? Gzip(JsonBomb()) : Gzip(ProtobufBomb());
        Assert.True(bomb.Length < 64 * 1024, $"the bomb is {bomb.Length} bytes compressed");
        var answers = await Task.WhenAll(Enumerable.Range(0, Bombs).Select(_ => SendBombAsync(http, serve, transport, bomb)));

        Assert.All(answers, a => Assert.Contains("MaxSpansPerRequest = 100000", a, StringComparison.Ordinal));
        var peak = ProcessMemory(serve.Pid, "VmHWM");
        Assert.True(peak - before < BoundBytes, $"peak resident memory grew by {(peak - before) >> 20} MiB (from {before >> 20} MiB), over the bound of {BoundBytes >> 20} MiB");
        await AssertStoresValidAsync(http, serve);
    }

    private static async Task<string> SendBombAsync(HttpClient http, ServeProcess serve, string transport, byte[] bomb)
    {
        if (transport == "grpc")
        {
            var frame = new byte[5 + bomb.Length];
            frame[0] = 1;
            BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), bomb.Length);
            bomb.CopyTo(frame, 5);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(serve.Grpc, "/opentelemetry.proto.collector.trace.v1.TraceService/Export"))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(frame),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
            request.Headers.Add("grpc-encoding", "gzip");
            request.Headers.TE.ParseAdd("trailers");
            using var response = await http.SendAsync(request, Cancellation);
            await response.Content.ReadAsByteArrayAsync(Cancellation);
            var status = Header(response, "grpc-status");
            Assert.True(status == "8", $"grpc-status {status} (8 is RESOURCE_EXHAUSTED)");
            return Uri.UnescapeDataString(Header(response, "grpc-message") ?? string.Empty);
        }

        var content = new ByteArrayContent(bomb);
        content.Headers.ContentType = new MediaTypeHeaderValue(transport == "http-json" ? "application/json" : "application/x-protobuf");
        content.Headers.ContentEncoding.Add("gzip");
        using var answer = await http.PostAsync(new Uri(serve.Http, "v1/traces"), content, Cancellation);
        var body = transport == "http-json"
            ? await answer.Content.ReadAsStringAsync(Cancellation)
            : Google.Rpc.Status.Parser.ParseFrom(await answer.Content.ReadAsByteArrayAsync(Cancellation)).Message;
        Assert.True(answer.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{answer.StatusCode}: {body}");
        return body;
    }

    private static async Task AssertStoresValidAsync(HttpClient http, ServeProcess serve)
    {
        var request = OtlpRequests.SpansRequest(new Span
        {
            TraceId = OtlpRequests.Bytes("5b8efff798038103d269b633813fc60c"),
            SpanId = OtlpRequests.Bytes("eee19b7ec3c1b174"),
            Name = "valid",
            Attributes = { OtlpRequests.Attr("k", "v") },
        });
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var response = await http.PostAsync(new Uri(serve.Http, "v1/traces"), content, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var trailing) ? trailing.First()
        : response.Headers.TryGetValues(name, out var leading) ? leading.First()
        : null;

    /// <summary>A value from /proc/PID/status (VmRSS now, VmHWM the peak), in bytes.</summary>
    private static long ProcessMemory(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>One resource of one scope (its content: <see cref="BombSpans"/> empty spans, 2 bytes each).</summary>
    private static byte[] ProtobufBomb()
    {
        var spans = new byte[BombSpans * 2];
        for (var i = 0; i < spans.Length; i += 2)
        {
            spans[i] = 0x12;
        }

        return Field(1, Field(2, spans));
    }

    private static byte[] JsonBomb()
    {
        var json = new StringBuilder("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{}");
        json.Insert(json.Length, ",{}", (BombSpans / 2) - 1);
        return Encoding.UTF8.GetBytes(json.Append("]}]}]}").ToString());
    }

    private static byte[] Field(int number, byte[] payload)
    {
        using var output = new MemoryStream();
        using var coded = new CodedOutputStream(output, leaveOpen: true);
        coded.WriteTag(number, WireFormat.WireType.LengthDelimited);
        coded.WriteLength(payload.Length);
        coded.Flush();
        output.Write(payload);
        return output.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
