using Microsoft.Extensions.Logging.Abstractions;
using Otel.Collector.Artifacts;

namespace Otel.Collector.Tests.Artifacts;

public sealed class FileSystemArtifactStoreTests : IDisposable
{
    private readonly ArtifactTestData.TempDir _dir = ArtifactTestData.NewDirectory();
    private readonly FileSystemArtifactStore _store;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public FileSystemArtifactStoreTests()
    {
        _store = new FileSystemArtifactStore(_dir.Path, maxBytes: 1 << 20, TimeProvider.System, NullLogger<FileSystemArtifactStore>.Instance);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Put_NewContent_StoresUnderShardedHashPath()
    {
        var bytes = ArtifactTestData.Bytes(100_000);
        var sha = ArtifactTestData.Sha256(bytes);

        var result = await _store.PutAsync(sha, new MemoryStream(bytes), _ct);

        Assert.Equal(new ArtifactPutResult(ArtifactPutOutcome.Created, bytes.Length, sha), result);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_dir.Path, "sha256", sha[..2], sha[2..]), _ct));
        Assert.Equal(bytes.Length, await _store.GetSizeAsync(sha, _ct));
        Assert.Empty(_dir.Files("tmp"));
    }

    [Fact]
    public async Task Put_SameContentTwice_StoresOnce()
    {
        var bytes = ArtifactTestData.Bytes(1000);
        var sha = ArtifactTestData.Sha256(bytes);

        var first = await _store.PutAsync(sha, new MemoryStream(bytes), _ct);
        var second = await _store.PutAsync(sha, new MemoryStream(bytes), _ct);

        Assert.Equal(ArtifactPutOutcome.Created, first.Outcome);
        Assert.Equal(ArtifactPutOutcome.AlreadyExists, second.Outcome);
        Assert.Single(_dir.Files("sha256"));
        Assert.Empty(_dir.Files("tmp"));
    }

    [Fact]
    public async Task Put_ContentNotMatchingClaimedHash_RefusedAndLeavesNothing()
    {
        var bytes = ArtifactTestData.Bytes(1000);
        var claimed = ArtifactTestData.Sha256(ArtifactTestData.Bytes(1000, seed: 2));

        var result = await _store.PutAsync(claimed, new MemoryStream(bytes), _ct);

        Assert.Equal(ArtifactPutOutcome.HashMismatch, result.Outcome);
        Assert.Equal(ArtifactTestData.Sha256(bytes), result.ActualSha256);
        Assert.Null(await _store.GetSizeAsync(claimed, _ct));
        Assert.Empty(_dir.Files("sha256"));
        Assert.Empty(_dir.Files("tmp"));
    }

    [Fact]
    public async Task Put_StreamBreaksMidway_LeavesNothingAndRetrySucceeds()
    {
        var bytes = ArtifactTestData.Bytes(300_000);
        var sha = ArtifactTestData.Sha256(bytes);

        await Assert.ThrowsAsync<IOException>(() => _store.PutAsync(sha, new BreakingStream(bytes, breakAfter: 150_000), _ct));

        Assert.Null(await _store.GetSizeAsync(sha, _ct));
        Assert.Empty(_dir.Files("sha256"));
        Assert.Empty(_dir.Files("tmp"));

        var retry = await _store.PutAsync(sha, new MemoryStream(bytes), _ct);

        Assert.Equal(ArtifactPutOutcome.Created, retry.Outcome);
        await using var read = await _store.OpenVerifiedAsync(sha, _ct);
        Assert.NotNull(read);
        Assert.Equal(bytes.Length, read.Length);
    }

    [Fact]
    public async Task Put_LargerThanLimit_ThrowsTooLargeAndLeavesNothing()
    {
        var bytes = ArtifactTestData.Bytes((1 << 20) + 1);

        await Assert.ThrowsAsync<ArtifactTooLargeException>(() => _store.PutAsync(ArtifactTestData.Sha256(bytes), new MemoryStream(bytes), _ct));

        Assert.Empty(_dir.Files("sha256"));
        Assert.Empty(_dir.Files("tmp"));
    }

    [Fact]
    public async Task OpenVerified_StoredFileCorrupted_RefusesAndMovesItAside()
    {
        var bytes = ArtifactTestData.Bytes(5000);
        var sha = ArtifactTestData.Sha256(bytes);
        await _store.PutAsync(sha, new MemoryStream(bytes), _ct);
        var path = Path.Combine(_dir.Path, "sha256", sha[..2], sha[2..]);
        bytes[4000] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes, _ct);

        var error = await Assert.ThrowsAsync<ArtifactCorruptException>(() => _store.OpenVerifiedAsync(sha, _ct));

        Assert.Contains($"stored artifact {sha} is corrupt", error.Message, StringComparison.Ordinal);
        Assert.Null(await _store.GetSizeAsync(sha, _ct));
        Assert.Single(_dir.Files("corrupt"));
    }

    [Fact]
    public async Task OpenVerified_UnknownHash_ReturnsNull()
    {
        Assert.Null(await _store.OpenVerifiedAsync(new string('a', 64), _ct));
    }

    [Fact]
    public async Task Put_EmptyContent_StoresEmptyObject()
    {
        var sha = ArtifactTestData.Sha256([]);

        var result = await _store.PutAsync(sha, new MemoryStream(), _ct);

        Assert.Equal(ArtifactPutOutcome.Created, result.Outcome);
        Assert.Equal(0, await _store.GetSizeAsync(sha, _ct));
    }
}
