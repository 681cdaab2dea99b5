using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Artifacts;

public sealed class ArtifactApiTests : IAsyncLifetime
{
    private const long Limit = 4 << 20;

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private ArtifactApiHost _host = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await ArtifactApiHost.StartAsync(Limit);
        _client = _host.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Put_NewThenSame_201Then200AndStoredOnce()
    {
        var bytes = ArtifactTestData.Bytes(200_000);
        var sha = ArtifactTestData.Sha256(bytes);

        using var first = await PutAsync(sha, bytes);
        using var second = await PutAsync(sha, bytes);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var body = await JsonAsync(second);
        Assert.Equal(sha, body.GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length, body.GetProperty("size").GetInt64());
        Assert.False(body.GetProperty("created").GetBoolean());
        Assert.Single(_host.Directory.Files("sha256"));
    }

    [Fact]
    public async Task Head_KnownAndUnknown_200WithLengthAnd404()
    {
        var bytes = ArtifactTestData.Bytes(1234);
        var sha = ArtifactTestData.Sha256(bytes);
        using var put = await PutAsync(sha, bytes);

        using var known = await SendAsync(new HttpRequestMessage(HttpMethod.Head, $"api/artifacts/{sha}"));
        using var unknown = await SendAsync(new HttpRequestMessage(HttpMethod.Head, $"api/artifacts/{new string('0', 64)}"));

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(1234, known.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Get_Stored_StreamsSameBytes()
    {
        var bytes = ArtifactTestData.Bytes(1_000_003);
        var sha = ArtifactTestData.Sha256(bytes);
        using var put = await PutAsync(sha, bytes);

        using var get = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/artifacts/{sha.ToUpperInvariant()}"));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(bytes.Length, get.Content.Headers.ContentLength);
        Assert.Equal(bytes, await get.Content.ReadAsByteArrayAsync(_ct));
    }

    [Fact]
    public async Task Get_Unknown_404WithError()
    {
        using var get = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/artifacts/{new string('f', 64)}"));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Contains("unknown artifact", (await JsonAsync(get)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_WrongHash_400WithReasonAndNothingStored()
    {
        var bytes = ArtifactTestData.Bytes(5000);
        var claimed = ArtifactTestData.Sha256([1, 2, 3]);

        using var put = await PutAsync(claimed, bytes);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var error = (await JsonAsync(put)).GetProperty("error").GetString();
        Assert.Contains($"hashes to {ArtifactTestData.Sha256(bytes)}, not to {claimed}: nothing was stored", error, StringComparison.Ordinal);
        Assert.Empty(_host.Directory.Files("sha256"));
        Assert.Empty(_host.Directory.Files("tmp"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    public async Task Put_NotAHash_400(string key)
    {
        using var put = await PutAsync(key, [1, 2, 3]);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("is not a SHA-256", (await JsonAsync(put)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_LargerThanLimit_413()
    {
        var bytes = ArtifactTestData.Bytes((int)Limit + 1);
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/artifacts/{ArtifactTestData.Sha256(bytes)}") { Content = new ByteArrayContent(bytes) };

        // 100-continue: the refusal arrives before the body is sent, as the SDK's uploads do it.
        request.Headers.ExpectContinue = true;
        using var put = await SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, put.StatusCode);
        Assert.Contains("larger than the limit", (await JsonAsync(put)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(_host.Directory.Files("sha256"));
    }

    [Fact]
    public async Task Put_ChunkedBodyLargerThanLimit_413AndNothingKept()
    {
        var bytes = ArtifactTestData.Bytes((int)Limit + 100_000);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/artifacts/{ArtifactTestData.Sha256(bytes)}")
        {
            // No Content-Length: the limit must hold while streaming.
            Content = new StreamContent(new NoLengthStream(bytes)),
        };
        request.Headers.TransferEncodingChunked = true;

        HttpResponseMessage? put = null;
        try
        {
            put = await SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, put.StatusCode);
        }
        catch (HttpRequestException)
        {
            // The server may answer and close before the client finished sending; refusing is what counts.
        }
        finally
        {
            put?.Dispose();
        }

        await EventuallyEmptyAsync("tmp");
        Assert.Empty(_host.Directory.Files("sha256"));
    }

    [Fact]
    public async Task Put_BodyBreaksMidway_NothingVisibleAndRetrySucceeds()
    {
        var bytes = ArtifactTestData.Bytes(2_000_000);
        var sha = ArtifactTestData.Sha256(bytes);
        using var broken = new HttpRequestMessage(HttpMethod.Put, $"api/artifacts/{sha}")
        {
            Content = new StreamContent(new BreakingStream(bytes, breakAfter: 1_000_000)),
        };
        broken.Content.Headers.ContentLength = bytes.Length;

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => SendAsync(broken));

        await EventuallyEmptyAsync("tmp");
        using var head = await SendAsync(new HttpRequestMessage(HttpMethod.Head, $"api/artifacts/{sha}"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Empty(_host.Directory.Files("sha256"));

        using var retry = await PutAsync(sha, bytes);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        using var get = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/artifacts/{sha}"));
        Assert.Equal(bytes, await get.Content.ReadAsByteArrayAsync(_ct));
    }

    [Fact]
    public async Task Get_StoredFileCorrupted_500WithReasonThenRepairedByUpload()
    {
        var bytes = ArtifactTestData.Bytes(100_000);
        var sha = ArtifactTestData.Sha256(bytes);
        using (await PutAsync(sha, bytes))
        {
        }

        var corrupted = (byte[])bytes.Clone();
        corrupted[99_999] ^= 1;
        await File.WriteAllBytesAsync(_host.StoredPath(sha), corrupted, _ct);

        using var get = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/artifacts/{sha}"));

        Assert.Equal(HttpStatusCode.InternalServerError, get.StatusCode);
        Assert.Contains($"stored artifact {sha} is corrupt", (await JsonAsync(get)).GetProperty("error").GetString(), StringComparison.Ordinal);

        using var repair = await PutAsync(sha, bytes);
        Assert.Equal(HttpStatusCode.Created, repair.StatusCode);
        using var again = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/artifacts/{sha}"));
        Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync(_ct));
    }

    private async Task<HttpResponseMessage> PutAsync(string sha, byte[] bytes)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/artifacts/{sha}") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await _client.SendAsync(request, _ct).WaitAsync(TestTimeouts.Default, _ct);
        }
    }

    private async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(_ct)).RootElement.Clone();

    /// <summary>The server cleans up after the client gave up; wait for it, bounded.</summary>
    private Task EventuallyEmptyAsync(string relative) =>
        Eventually.UntilAsync(() => _host.Directory.Files(relative).Length == 0, $"{relative} still holds files");

    /// <summary>A stream that does not know its length, so the client must send chunked.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
