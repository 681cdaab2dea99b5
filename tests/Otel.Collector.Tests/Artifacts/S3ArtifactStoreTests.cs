using Amazon.S3.Model;
using Otel.Collector.Artifacts;

namespace Otel.Collector.Tests.Artifacts;

public sealed class S3ArtifactStoreTests(S3rverProcess s3) : IClassFixture<S3rverProcess>, IDisposable
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly ArtifactTestData.TempDir _spool = ArtifactTestData.NewDirectory();
    private S3ArtifactStore? _store;

    public void Dispose()
    {
        _store?.Dispose();
        _spool.Dispose();
    }

    [Fact]
    public async Task Put_NewThenSame_CreatedThenExistsAndReadsBack()
    {
        var store = Store();
        var bytes = ArtifactTestData.Bytes(300_000);
        var sha = ArtifactTestData.Sha256(bytes);

        var first = await store.PutAsync(sha, new MemoryStream(bytes), _ct);
        var second = await store.PutAsync(sha, new MemoryStream(bytes), _ct);

        Assert.Equal(ArtifactPutOutcome.Created, first.Outcome);
        Assert.Equal(ArtifactPutOutcome.AlreadyExists, second.Outcome);
        Assert.Equal(bytes.Length, await store.GetSizeAsync(sha, _ct));
        using var copy = new MemoryStream();
        await using (var read = await store.OpenVerifiedAsync(sha, _ct))
        {
            Assert.NotNull(read);
            await read.Content.CopyToAsync(copy, _ct);
        }

        Assert.Equal(bytes, copy.ToArray());
        Assert.Empty(_spool.Files("tmp"));
    }

    [Fact]
    public async Task Put_WrongHash_RefusedAndNothingInBucket()
    {
        var store = Store();
        var bytes = ArtifactTestData.Bytes(1000, seed: 7);
        var claimed = ArtifactTestData.Sha256(ArtifactTestData.Bytes(1000, seed: 8));

        var result = await store.PutAsync(claimed, new MemoryStream(bytes), _ct);

        Assert.Equal(ArtifactPutOutcome.HashMismatch, result.Outcome);
        Assert.Null(await store.GetSizeAsync(claimed, _ct));
        Assert.Empty(_spool.Files("tmp"));
    }

    [Fact]
    public async Task Put_StreamBreaksMidway_NothingInBucketAndRetrySucceeds()
    {
        var store = Store();
        var bytes = ArtifactTestData.Bytes(200_000, seed: 9);
        var sha = ArtifactTestData.Sha256(bytes);

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync(sha, new BreakingStream(bytes, 100_000), _ct));

        Assert.Null(await store.GetSizeAsync(sha, _ct));
        Assert.Equal(ArtifactPutOutcome.Created, (await store.PutAsync(sha, new MemoryStream(bytes), _ct)).Outcome);
    }

    [Fact]
    public async Task OpenVerified_ObjectCorruptedInBucket_Refused()
    {
        var store = Store();
        var bytes = ArtifactTestData.Bytes(50_000, seed: 10);
        var sha = ArtifactTestData.Sha256(bytes);
        await store.PutAsync(sha, new MemoryStream(bytes), _ct);

        // Overwrite the object behind the store's back with other bytes, as bit rot or a stray writer would.
        var other = ArtifactTestData.Bytes(50_000, seed: 11);
        await store.Client.PutObjectAsync(new PutObjectRequest { BucketName = S3rverProcess.Bucket, Key = store.KeyOf(sha), InputStream = new MemoryStream(other), UseChunkEncoding = false }, _ct);

        var error = await Assert.ThrowsAsync<ArtifactCorruptException>(() => store.OpenVerifiedAsync(sha, _ct));

        Assert.Contains($"stored artifact {sha} is corrupt", error.Message, StringComparison.Ordinal);
        Assert.Empty(_spool.Files("tmp"));
    }

    [Fact]
    public async Task Delete_StoredObject_GoneFromTheBucket_AndASecondDeleteSaysSo()
    {
        var store = Store();
        var bytes = ArtifactTestData.Bytes(4_096);
        var sha = ArtifactTestData.Sha256(bytes);
        await store.PutAsync(sha, new MemoryStream(bytes), _ct);

        var deleted = await store.DeleteAsync(sha, _ct);
        var again = await store.DeleteAsync(sha, _ct);

        Assert.True(deleted);
        Assert.False(again);
        Assert.Null(await store.GetSizeAsync(sha, _ct));
        Assert.Null(await store.OpenVerifiedAsync(sha, _ct));
    }

    [Fact]
    public async Task GetSize_UnknownKey_Null()
    {
        Assert.Null(await Store().GetSizeAsync(new string('e', 64), _ct));
        Assert.Null(await Store().OpenVerifiedAsync(new string('e', 64), _ct));
    }

    [Fact]
    public async Task Put_MissingBucket_ThrowsStoreErrorNamingS3Code()
    {
        using var store = new S3ArtifactStore(Options("no-such-bucket"), _spool.Path, 1 << 20);

        var error = await Assert.ThrowsAsync<ArtifactStoreException>(() => store.PutAsync(ArtifactTestData.Sha256([1]), new MemoryStream([1]), _ct));

        Assert.Contains("NoSuchBucket", error.Message, StringComparison.Ordinal);
    }

    private S3ArtifactStore Store()
    {
        Assert.SkipWhen(s3.SkipReason is not null, s3.SkipReason ?? "");
        return _store ??= new S3ArtifactStore(Options(S3rverProcess.Bucket), _spool.Path, 1 << 20);
    }

    private S3ArtifactStoreOptions Options(string bucket)
    {
        Assert.SkipWhen(s3.SkipReason is not null, s3.SkipReason ?? "");
        return new()
        {
            Endpoint = s3.Endpoint,
            Bucket = bucket,
            Prefix = "test-" + Guid.NewGuid().ToString("N")[..8],
            AccessKey = S3rverProcess.AccessKey,
            SecretKey = S3rverProcess.SecretKey,
        };
    }
}
