using System.Net;
using Amazon.Runtime;
using Otel.Collector.Artifacts;

namespace Otel.Collector.Tests.Artifacts;

/// <summary>
/// Large artifacts go up in parts through the AWS SDK against a real S3-compatible server (s3rver), and an upload cut
/// midway (parts refused, as by a collector killed mid-upload) resumes with the parts the server already holds.
/// </summary>
public sealed class S3MultipartTests(S3rverProcess s3) : IClassFixture<S3rverProcess>, IDisposable
{
    private const long Part = S3ArtifactStoreOptions.MinPartBytes;

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly ArtifactTestData.TempDir _spool = ArtifactTestData.NewDirectory();
    private readonly string _prefix = "multipart-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => _spool.Dispose();

    [Fact]
    public async Task Put_AboveThreshold_UploadsInPartsAndReadsBackVerified()
    {
        var requests = new RecordingHttpClientFactory();
        using var store = Store(requests);
        var bytes = ArtifactTestData.Bytes((int)(2 * Part + 12345), seed: 21);
        var sha = ArtifactTestData.Sha256(bytes);

        var result = await store.PutAsync(sha, new MemoryStream(bytes), _ct);

        Assert.Equal(ArtifactPutOutcome.Created, result.Outcome);
        Assert.Equal([1, 2, 3], requests.PartNumbers());
        Assert.Equal(bytes.Length, await store.GetSizeAsync(sha, _ct));
        await AssertReadsBackAsync(store, sha, bytes);
        Assert.Empty(_spool.Files("multipart"));
        Assert.Empty(_spool.Files("tmp"));
    }

    [Fact]
    public async Task Put_CutAfterFirstPart_ResumesWithTheSameUploadAndOnlyTheMissingParts()
    {
        var bytes = ArtifactTestData.Bytes((int)(3 * Part + 999), seed: 22);
        var sha = ArtifactTestData.Sha256(bytes);
        var cut = new RecordingHttpClientFactory { RefusePartsFrom = 2 };
        using (var first = Store(cut))
        {
            await Assert.ThrowsAsync<ArtifactStoreException>(() => first.PutAsync(sha, new MemoryStream(bytes), _ct));
            Assert.Null(await first.GetSizeAsync(sha, _ct));
        }

        Assert.Single(_spool.Files("multipart"));
        var resumed = new RecordingHttpClientFactory();
        using var second = Store(resumed);

        var result = await second.PutAsync(sha, new MemoryStream(bytes), _ct);

        Assert.Equal(ArtifactPutOutcome.Created, result.Outcome);
        Assert.Equal([2, 3, 4], resumed.PartNumbers());
        Assert.Equal(cut.UploadIds().Single(), resumed.UploadIds().Single());
        Assert.Equal(0, resumed.Initiations);
        await AssertReadsBackAsync(second, sha, bytes);
        Assert.Empty(_spool.Files("multipart"));
    }

    [Fact]
    public async Task Put_SavedUploadTheServerForgot_StartsOver()
    {
        var bytes = ArtifactTestData.Bytes((int)(Part + 10), seed: 23);
        var sha = ArtifactTestData.Sha256(bytes);
        Directory.CreateDirectory(Path.Combine(_spool.Path, "multipart"));
        await File.WriteAllTextAsync(Path.Combine(_spool.Path, "multipart", sha + ".json"),
            $$$"""{"uploadId":"no-such-upload","partBytes":{{{Part}}},"parts":{"1":"\"0123\""}}""", _ct);
        // s3rver answers an unknown upload with a 500; S3 answers 404 NoSuchUpload, as this stand-in does.
        var requests = new RecordingHttpClientFactory { ForgottenUploadId = "no-such-upload" };
        using var store = Store(requests);

        var result = await store.PutAsync(sha, new MemoryStream(bytes), _ct);

        Assert.Equal(ArtifactPutOutcome.Created, result.Outcome);
        Assert.Equal(1, requests.Initiations);
        Assert.Equal([1, 2], requests.PartNumbers());
        await AssertReadsBackAsync(store, sha, bytes);
    }

    [Fact]
    public void PartSize_HugeObject_GrowsToStayWithinTenThousandParts()
    {
        var options = new S3ArtifactStoreOptions { PartBytes = 64L << 20 };

        Assert.Equal(64L << 20, options.PartBytesFor(100L << 30));
        var fiveTiB = 5L << 40;
        Assert.True(options.PartBytesFor(fiveTiB) * S3ArtifactStoreOptions.MaxParts >= fiveTiB);
    }

    private async Task AssertReadsBackAsync(S3ArtifactStore store, string sha, byte[] bytes)
    {
        await using var read = await store.OpenVerifiedAsync(sha, _ct);
        Assert.NotNull(read);
        using var copy = new MemoryStream();
        await read.Content.CopyToAsync(copy, _ct);
        Assert.Equal(bytes, copy.ToArray());
    }

    private S3ArtifactStore Store(RecordingHttpClientFactory requests)
    {
        Assert.SkipWhen(s3.SkipReason is not null, s3.SkipReason ?? "");
        var options = new S3ArtifactStoreOptions
        {
            Endpoint = s3.Endpoint,
            Bucket = S3rverProcess.Bucket,
            Prefix = _prefix,
            AccessKey = S3rverProcess.AccessKey,
            SecretKey = S3rverProcess.SecretKey,
            PartBytes = Part,
            MultipartThreshold = Part,
        };
        return new S3ArtifactStore(options, _spool.Path, 1L << 30, requests);
    }

    /// <summary>The SDK's HTTP client, recording each request's multipart query, and refusing parts from a number on when told.</summary>
    private sealed class RecordingHttpClientFactory : HttpClientFactory
    {
        private readonly List<(string? UploadId, int? Part)> _parts = [];

        public int? RefusePartsFrom { get; init; }

        public string? ForgottenUploadId { get; init; }

        public int Initiations { get; private set; }

        public List<int> PartNumbers()
        {
            lock (_parts)
            {
                return _parts.Select(p => p.Part!.Value).ToList();
            }
        }

        public List<string> UploadIds()
        {
            lock (_parts)
            {
                return _parts.Select(p => p.UploadId!).Distinct().ToList();
            }
        }

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Recorder(this));

        private sealed class Recorder(RecordingHttpClientFactory owner) : DelegatingHandler(new SocketsHttpHandler())
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
                // "?uploads" has no value: ParseQueryString files it under a null key.
                if (request.Method == HttpMethod.Post && request.RequestUri.Query.TrimStart('?').Split('&').Contains("uploads"))
                {
                    owner.Initiations++;
                }

                if (owner.ForgottenUploadId is not null && query["uploadId"] == owner.ForgottenUploadId)
                {
                    return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)
                    {
                        RequestMessage = request,
                        Content = new StringContent("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>", System.Text.Encoding.UTF8, "application/xml"),
                    });
                }

                if (request.Method == HttpMethod.Put && int.TryParse(query["partNumber"], out var part))
                {
                    if (part >= owner.RefusePartsFrom)
                    {
                        // As a collector killed mid-upload: this part never arrives (every retry fails).
                        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request });
                    }

                    lock (owner._parts)
                    {
                        owner._parts.Add((query["uploadId"], part));
                    }
                }

                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
