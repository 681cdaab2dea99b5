using Otel.Collector.Artifacts.S3;

namespace Otel.Collector.Artifacts;

/// <summary>
/// Artifacts in an S3-compatible bucket under <c>{prefix}sha256/ab/cdef…</c>. An upload is spooled to a local
/// temporary file while hashed (S3 needs the length up front, and nothing unverified may reach the bucket), then
/// PUT signed with its SHA-256 (S3 checks it again) and verified with a HEAD. Reads are spooled and hashed
/// before the first byte is served.
/// </summary>
internal sealed class S3ArtifactStore : IArtifactStore, IDisposable
{
    private readonly S3Client _client;
    private readonly string _prefix;
    private readonly string _spool;
    private readonly long _maxBytes;

    public S3ArtifactStore(S3ArtifactStoreOptions options, string spoolDirectory, long maxBytes, TimeProvider time, HttpMessageHandler? handler = null)
    {
        _client = new S3Client(options, time, handler);
        _prefix = options.Prefix.Length == 0 || options.Prefix.EndsWith('/') ? options.Prefix : options.Prefix + "/";
        _spool = Path.Combine(Path.GetFullPath(spoolDirectory), "tmp");
        _maxBytes = maxBytes;
        Directory.CreateDirectory(_spool);
    }

    public string Description => "S3 bucket " + _client.Description + _prefix;

    internal S3Client Client => _client;

    internal string KeyOf(string sha256) => _prefix + ArtifactKey.RelativePath(sha256);

    public Task<long?> GetSizeAsync(string sha256, CancellationToken cancellationToken) => _client.HeadAsync(KeyOf(sha256), cancellationToken);

    public async Task<ArtifactPutResult> PutAsync(string sha256, Stream content, CancellationToken cancellationToken)
    {
        await using var spool = OpenSpool();
        var (actual, size) = await HashingCopy.CopyAsync(content, spool, _maxBytes, cancellationToken);
        if (actual != sha256)
        {
            return new ArtifactPutResult(ArtifactPutOutcome.HashMismatch, size, actual);
        }

        var key = KeyOf(sha256);
        if (await _client.HeadAsync(key, cancellationToken) is not null)
        {
            return new ArtifactPutResult(ArtifactPutOutcome.AlreadyExists, size, actual);
        }

        spool.Position = 0;
        await _client.PutAsync(key, spool, size, sha256, cancellationToken);
        var stored = await _client.HeadAsync(key, cancellationToken);
        if (stored != size)
        {
            throw new ArtifactStoreException($"S3 accepted {key} but then reports {stored?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no object"} instead of {size} bytes");
        }

        return new ArtifactPutResult(ArtifactPutOutcome.Created, size, actual);
    }

    public async Task<bool> DeleteAsync(string sha256, CancellationToken cancellationToken)
    {
        var key = KeyOf(sha256);
        if (await _client.HeadAsync(key, cancellationToken) is null)
        {
            return false;
        }

        await _client.DeleteAsync(key, cancellationToken);
        return true;
    }

    public async Task<VerifiedArtifact?> OpenVerifiedAsync(string sha256, CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync(KeyOf(sha256), cancellationToken);
        if (response is null)
        {
            return null;
        }

        var spool = OpenSpool();
        try
        {
            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
            {
                var (actual, size) = await HashingCopy.CopyAsync(body, spool, long.MaxValue, cancellationToken);
                if (actual != sha256)
                {
                    throw new ArtifactCorruptException(sha256, actual, $"Delete {KeyOf(sha256)} from the bucket and upload the artifact again.");
                }

                spool.Position = 0;
                return new VerifiedArtifact(spool, size);
            }
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>A temporary file that the OS removes when it is closed, whatever happens to the request.</summary>
    private FileStream OpenSpool() => new(
        Path.Combine(_spool, Guid.NewGuid().ToString("N") + ".spool"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
        FileOptions.Asynchronous | FileOptions.DeleteOnClose);
}
