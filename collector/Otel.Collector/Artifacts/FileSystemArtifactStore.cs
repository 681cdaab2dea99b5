using Microsoft.Extensions.Logging;

namespace Otel.Collector.Artifacts;

/// <summary>
/// Artifacts as files: <c>&lt;root&gt;/sha256/ab/cdef…</c>. Uploads land in <c>tmp/</c> and are renamed into place
/// (atomic on one filesystem) only when their hash matches; an object found corrupt on read is moved to
/// <c>corrupt/</c>, so the next upload of the same content repairs the store instead of being answered "exists".
/// </summary>
internal sealed class FileSystemArtifactStore : IArtifactStore
{
    // Leftovers of a crash mid-upload; anything this old is not being written any more.
    private static readonly TimeSpan StaleTempAge = TimeSpan.FromDays(1);

    private readonly string _root;
    private readonly string _temp;
    private readonly long _maxBytes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public FileSystemArtifactStore(string directory, long maxBytes, TimeProvider time, ILogger<FileSystemArtifactStore> logger)
    {
        _root = Path.GetFullPath(directory);
        _temp = Path.Combine(_root, "tmp");
        _maxBytes = maxBytes;
        _time = time;
        _logger = logger;
        Directory.CreateDirectory(_temp);
        RemoveStaleTempFiles();
    }

    public string Description => "directory " + _root;

    public Task<long?> GetSizeAsync(string sha256, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(sha256));
        return Task.FromResult<long?>(file.Exists ? file.Length : null);
    }

    public async Task<ArtifactPutResult> PutAsync(string sha256, Stream content, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(_temp, Guid.NewGuid().ToString("N") + ".partial");
        var committed = false;
        try
        {
            string actual;
            long size;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                (actual, size) = await HashingCopy.CopyAsync(content, file, _maxBytes, cancellationToken);
                if (actual != sha256)
                {
                    return new ArtifactPutResult(ArtifactPutOutcome.HashMismatch, size, actual);
                }

                // Durable before visible: a crash after the rename must not expose a half-written file.
                file.Flush(flushToDisk: true);
            }

            var target = PathOf(sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                File.Move(temp, target, overwrite: false);
                committed = true;
                return new ArtifactPutResult(ArtifactPutOutcome.Created, size, actual);
            }
            catch (IOException) when (File.Exists(target))
            {
                // A concurrent upload of the same content won the rename; its bytes are the same.
                return new ArtifactPutResult(ArtifactPutOutcome.AlreadyExists, size, actual);
            }
        }
        finally
        {
            if (!committed)
            {
                TryDelete(temp);
            }
        }
    }

    public Task<bool> DeleteAsync(string sha256, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(sha256));
        if (!file.Exists)
        {
            return Task.FromResult(false);
        }

        file.Delete();
        return Task.FromResult(true);
    }

    public async Task<VerifiedArtifact?> OpenVerifiedAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        FileStream stream;
        try
        {
            // Delete sharing lets a corrupt file be moved aside while this handle is open.
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            // Verified before the first byte is sent, so a corrupt object is refused with an error rather than served.
            var (actual, _) = await HashingCopy.HashAsync(stream, cancellationToken);
            if (actual != sha256)
            {
                var detail = Quarantine(path, sha256);
                throw new ArtifactCorruptException(sha256, actual, detail);
            }

            stream.Position = 0;
            return new VerifiedArtifact(stream, stream.Length);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private string PathOf(string sha256) => Path.Combine(_root, ArtifactKey.RelativePath(sha256));

    private string Quarantine(string path, string sha256)
    {
        var corrupt = Path.Combine(_root, "corrupt");
        var target = Path.Combine(corrupt, $"{sha256}.{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(corrupt);
            File.Move(path, target);
            _logger.LogError("Artifact {Sha256} failed verification; moved to {Path}", sha256, target);
            return $"It was moved to {target}; upload the artifact again to repair the store.";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError(e, "Artifact {Sha256} failed verification and could not be moved aside", sha256);
            return $"It could not be moved aside ({e.Message}); delete {path} and upload the artifact again.";
        }
    }

    private void RemoveStaleTempFiles()
    {
        var cutoff = _time.GetUtcNow() - StaleTempAge;
        foreach (var file in new DirectoryInfo(_temp).EnumerateFiles("*.partial"))
        {
            if (file.LastWriteTimeUtc < cutoff.UtcDateTime)
            {
                TryDelete(file.FullName);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the stale-file sweep at the next start.
        }
    }
}
