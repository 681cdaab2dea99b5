using System.Net;
using Google.Protobuf;
using Google.Rpc;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Ingest;
using static Otel.Collector.Tests.Receivers.OtlpHttpTestClient;

namespace Otel.Collector.Tests.Receivers;

public sealed class OtlpHttpReceiverTests : IAsyncLifetime
{
    private const int Limit = 64 * 1024;

    private OtlpReceiverHost _host = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await OtlpReceiverHost.StartAsync(o => o.MaxRequestBodyBytes = Limit);
        _client = _host.CreateHttpClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task PostTraces_Protobuf_ReachesIngestAndAnswersProtobuf()
    {
        var request = OtlpTestRequests.Traces();

        using var response = await _client.PostOtlpAsync("/v1/traces", Protobuf(request));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        var body = ExportTraceServiceResponse.Parser.ParseFrom(await ReadBytesAsync(response));
        Assert.Null(body.PartialSuccess);
        Assert.Equal(request, Assert.Single(_host.Ingest.Traces));
    }

    [Fact]
    public async Task PostMetrics_Protobuf_ReachesIngest()
    {
        var request = OtlpTestRequests.Metrics();

        using var response = await _client.PostOtlpAsync("/v1/metrics", Protobuf(request));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(request, Assert.Single(_host.Ingest.Metrics));
    }

    [Fact]
    public async Task PostLogs_Protobuf_ReachesIngest()
    {
        var request = OtlpTestRequests.Logs();

        using var response = await _client.PostOtlpAsync("/v1/logs", Protobuf(request));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(request, Assert.Single(_host.Ingest.Logs));
    }

    [Fact]
    public async Task PostTraces_PartiallyRejected_AnswersPartialSuccessInProtobuf()
    {
        _host.Ingest.Result = IngestResult.Partial(3, "3 spans lack ml.run.id");

        using var response = await _client.PostOtlpAsync("/v1/traces", Protobuf(OtlpTestRequests.Traces()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = ExportTraceServiceResponse.Parser.ParseFrom(await ReadBytesAsync(response));
        Assert.Equal(3, body.PartialSuccess.RejectedSpans);
        Assert.Equal("3 spans lack ml.run.id", body.PartialSuccess.ErrorMessage);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("GZIP")]
    public async Task PostTraces_Gzip_IsDecompressed(string encoding)
    {
        var request = OtlpTestRequests.Traces(new string('x', 20 * 1024));
        var content = Body(Compress(request.ToByteArray()), "application/x-protobuf");
        content.Headers.ContentEncoding.Add(encoding);

        using var response = await _client.PostOtlpAsync("/v1/traces", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(request, Assert.Single(_host.Ingest.Traces));
    }

    [Fact]
    public async Task PostTraces_IdentityEncoding_IsAccepted()
    {
        var content = Protobuf(OtlpTestRequests.Traces());
        content.Headers.ContentEncoding.Add("identity");

        using var response = await _client.PostOtlpAsync("/v1/traces", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PostTraces_UnsupportedEncoding_Answers415NamingTheEncodings()
    {
        var content = Protobuf(OtlpTestRequests.Traces());
        content.Headers.ContentEncoding.Add("br");

        using var response = await _client.PostOtlpAsync("/v1/traces", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var status = await ReadStatusAsync(response);
        Assert.Contains("'br'", status.Message, StringComparison.Ordinal);
        Assert.Contains("gzip", status.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Ingest.Traces);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/protobuf-but-not")]
    public async Task PostTraces_UnsupportedContentType_Answers415NamingTheAcceptedTypes(string contentType)
    {
        using var response = await _client.PostOtlpAsync("/v1/traces", Body(OtlpTestRequests.Traces().ToByteArray(), contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var status = await ReadStatusAsync(response);
        Assert.Contains("application/x-protobuf", status.Message, StringComparison.Ordinal);
        Assert.Contains("application/json", status.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Ingest.Traces);
    }

    [Fact]
    public async Task PostTraces_ProtobufContentTypeWithParameters_IsAccepted()
    {
        using var response = await _client.PostOtlpAsync("/v1/traces", Body(OtlpTestRequests.Traces().ToByteArray(), "Application/X-Protobuf; charset=utf-8"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PostTraces_MalformedProtobuf_Answers400WithStatusBody()
    {
        using var response = await _client.PostOtlpAsync("/v1/traces", Body([0x0A, 0xFF, 0xFF, 0xFF], "application/x-protobuf"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        var status = await ReadStatusAsync(response);
        Assert.Equal((int)Code.InvalidArgument, status.Code);
        Assert.Contains("ExportTraceServiceRequest", status.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Ingest.Traces);
    }

    [Fact]
    public async Task PostTraces_InvalidGzip_Answers400()
    {
        var content = Body([1, 2, 3, 4, 5, 6, 7, 8], "application/x-protobuf");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await _client.PostOtlpAsync("/v1/traces", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("gzip", (await ReadStatusAsync(response)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostTraces_ContentLengthOverLimit_Answers413AndKeepsServing()
    {
        var oversized = OtlpTestRequests.Traces(new string('x', Limit));

        using var response = await _client.PostOtlpAsync("/v1/traces", Protobuf(oversized));
        using var next = await _client.PostOtlpAsync("/v1/traces", Protobuf(OtlpTestRequests.Traces()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var status = await ReadStatusAsync(response);
        Assert.Equal((int)Code.ResourceExhausted, status.Code);
        Assert.Contains("65536 bytes", status.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Single(_host.Ingest.Traces);
    }

    [Fact]
    public async Task PostTraces_ManyMegabytesOverLimit_Answers413()
    {
        var oversized = OtlpTestRequests.Traces(new string('x', 8 * 1024 * 1024));

        using var response = await _client.PostOtlpAsync("/v1/traces", Protobuf(oversized));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task PostTraces_ChunkedBodyOverLimit_Answers413()
    {
        var oversized = OtlpTestRequests.Traces(new string('x', 2 * Limit)).ToByteArray();
        var content = new StreamContent(new UnknownLengthStream(oversized));
        content.Headers.ContentType = new("application/x-protobuf");

        using var response = await _client.PostOtlpAsync("/v1/traces", content);
        using var next = await _client.PostOtlpAsync("/v1/traces", Protobuf(OtlpTestRequests.Traces()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task PostTraces_GzipBomb_Answers413NamingTheLimitAndKeepsServing()
    {
        // About 1 KiB on the wire, 16 MiB once inflated: 256 times the limit.
        var bomb = Gzip(OtlpTestRequests.Traces(new string('x', 16 * 1024 * 1024)).ToByteArray(), "application/x-protobuf");
        Assert.True(bomb.Headers.ContentLength < 64 * 1024);

        using var response = await _client.PostOtlpAsync("/v1/traces", bomb);
        using var next = await _client.PostOtlpAsync("/v1/traces", Protobuf(OtlpTestRequests.Traces()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var status = await ReadStatusAsync(response);
        Assert.Contains("after gzip decompression", status.Message, StringComparison.Ordinal);
        Assert.Contains("65536 bytes", status.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Single(_host.Ingest.Traces);
    }

    [Theory]
    [InlineData(true, 429)]
    [InlineData(false, 503)]
    public async Task PostTraces_Refused_AnswersRetryableStatusWithRetryAfter(bool throttled, int expected)
    {
        _host.Ingest.Result = throttled
            ? IngestResult.Throttle(TimeSpan.FromMilliseconds(2500), "spool full")
            : IngestResult.Down(TimeSpan.FromMilliseconds(10), "ClickHouse unreachable");

        using var response = await _client.PostOtlpAsync("/v1/traces", Protobuf(OtlpTestRequests.Traces()));

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(throttled ? 3 : 1), response.Headers.RetryAfter?.Delta);
        var status = await ReadStatusAsync(response);
        Assert.Equal(throttled ? "spool full" : "ClickHouse unreachable", status.Message);
        Assert.NotNull(status.GetDetail<RetryInfo>());
    }

    [Fact]
    public async Task PostMetrics_Refused_Answers429ForMetricsToo()
    {
        _host.Ingest.Result = IngestResult.Throttle(TimeSpan.FromSeconds(5), "spool full");

        using var response = await _client.PostOtlpAsync("/v1/metrics", Protobuf(new ExportMetricsServiceRequest()));
        using var logs = await _client.PostOtlpAsync("/v1/logs", Protobuf(new ExportLogsServiceRequest()));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, logs.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    /// <summary>A body whose length the client cannot know, so it is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
