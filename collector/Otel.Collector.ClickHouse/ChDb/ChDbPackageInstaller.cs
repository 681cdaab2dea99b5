using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Otel.Collector.ClickHouse.ChDb;

/// <summary>
/// Fetches the package tarball, checks both pinned hashes, and moves the library into the cache
/// with a rename, so a reader never sees a half-written file. The caller holds the cache lock.
/// </summary>
internal sealed class ChDbPackageInstaller(ChDbPackage package, IChDbPackageSource source)
{
    public string Install(string cacheDirectory, CancellationToken cancellationToken)
    {
        var libraryPath = Path.Combine(cacheDirectory, ChDbPackage.LibraryFileName);
        var workDirectory = Path.Combine(cacheDirectory, "fetch-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workDirectory);
        try
        {
            var tarball = source.FetchTarball(package, workDirectory, cancellationToken);
            var tarballSha256 = Sha256File.Compute(tarball);
            if (!Sha256File.Matches(tarballSha256, package.TarballSha256))
            {
                throw new ChDbUnavailableException(ChDbRemedy.Explain(package,
                    $"the downloaded tarball's SHA-256 is {tarballSha256}, not the pinned {package.TarballSha256} (a different or corrupted package)"));
            }

            var extracted = Path.Combine(workDirectory, ChDbPackage.LibraryFileName);
            var librarySha256 = ExtractLibrary(tarball, extracted, cancellationToken);
            if (!Sha256File.Matches(librarySha256, package.LibrarySha256))
            {
                throw new ChDbUnavailableException(ChDbRemedy.Explain(package,
                    $"the extracted {ChDbPackage.LibraryFileName}'s SHA-256 is {librarySha256}, not the pinned {package.LibrarySha256}"));
            }

            File.Move(extracted, libraryPath, overwrite: true);
            VerifiedLibraryMarker.Write(libraryPath, librarySha256);
            return libraryPath;
        }
        finally
        {
            TryDelete(workDirectory);
        }
    }

    /// <summary>Copies the library entry out of the gzipped tar, hashing it on the way; returns its SHA-256.</summary>
    private string ExtractLibrary(string tarball, string destination, CancellationToken cancellationToken)
    {
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.Name != ChDbPackage.LibraryEntryName || entry.DataStream is null)
            {
                continue;
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using (var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 20))
            {
                var buffer = new byte[1 << 20];
                int read;
                while ((read = entry.DataStream.Read(buffer)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    output.Write(buffer, 0, read);
                }
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        throw new ChDbUnavailableException(ChDbRemedy.Explain(package, $"the package tarball has no {ChDbPackage.LibraryEntryName}"));
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover fetch directory only costs disk space.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
