namespace Otel.Collector.Artifacts;

/// <summary>
/// Content-addressed artifact bytes, keyed by lowercase hex SHA-256. An object becomes visible only once its
/// content hashes to its key, and reads hand out only content that still does.
/// </summary>
internal interface IArtifactStore
{
    /// <summary>Where the bytes are kept, without credentials (for logs and errors).</summary>
    string Description { get; }

    /// <summary>The stored size, or null when the store has no such object.</summary>
    Task<long?> GetSizeAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>
    /// Streams <paramref name="content"/> to a temporary name while hashing, and makes it visible under
    /// <paramref name="sha256"/> only if the hashes match. A broken stream or a refusal leaves nothing behind.
    /// </summary>
    /// <exception cref="ArtifactTooLargeException">More than the configured maximum arrived.</exception>
    Task<ArtifactPutResult> PutAsync(string sha256, Stream content, CancellationToken cancellationToken);

    /// <summary>The object's bytes after checking they hash to <paramref name="sha256"/>; null when absent.</summary>
    /// <exception cref="ArtifactCorruptException">The stored bytes no longer hash to their key.</exception>
    Task<VerifiedArtifact?> OpenVerifiedAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the object (purge and retention, docs/run-lifecycle.md); true when it existed. Idempotent: deleting an
    /// absent object is not an error, so an interrupted purge can run again.
    /// </summary>
    Task<bool> DeleteAsync(string sha256, CancellationToken cancellationToken);
}

internal enum ArtifactPutOutcome
{
    Created,
    AlreadyExists,
    HashMismatch,
}

/// <param name="Outcome">What happened.</param>
/// <param name="Size">Bytes received (or stored, when the object existed).</param>
/// <param name="ActualSha256">What the content hashed to; differs from the key only on <see cref="ArtifactPutOutcome.HashMismatch"/>.</param>
internal sealed record ArtifactPutResult(ArtifactPutOutcome Outcome, long Size, string ActualSha256);

/// <summary>Verified bytes of an object: the caller disposes <see cref="Content"/>.</summary>
internal sealed record VerifiedArtifact(Stream Content, long Length) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>The stored bytes of an object no longer hash to its key (disk or bucket corruption).</summary>
internal sealed class ArtifactCorruptException(string sha256, string actual, string detail)
    : Exception($"stored artifact {sha256} is corrupt: its content hashes to {actual}. {detail}")
{
    public string Sha256 { get; } = sha256;
}

/// <summary>An upload was larger than <see cref="ArtifactStoreOptions.MaxArtifactBytes"/>.</summary>
internal sealed class ArtifactTooLargeException(long limit)
    : Exception($"the artifact is larger than the limit of {limit} bytes")
{
    public long Limit { get; } = limit;
}

/// <summary>The backing store failed (an S3 error answer, an unreachable bucket).</summary>
internal sealed class ArtifactStoreException(string message, Exception? inner = null) : Exception(message, inner);
