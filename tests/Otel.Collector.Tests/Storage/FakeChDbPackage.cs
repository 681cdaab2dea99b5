using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Otel.Collector.ClickHouse.ChDb;

namespace Otel.Collector.Tests.Storage;

/// <summary>A tiny stand-in for the chDB npm package: a gzipped tar holding <c>package/libchdb.so</c>, with its pinned hashes.</summary>
internal sealed class FakeChDbPackage : IChDbPackageSource
{
    private readonly byte[] _tarball;
    private int _fetches;

    public FakeChDbPackage(string libraryText = "not really a shared library", bool includeLibrary = true)
    {
        Library = Encoding.UTF8.GetBytes(libraryText);
        _tarball = BuildTarball(Library, includeLibrary);
        Package = new ChDbPackage("@test/fake-chdb", "1.2.3-test", Sha256(_tarball), Sha256(Library));
    }

    public byte[] Library { get; }

    public ChDbPackage Package { get; private set; }

    public int Fetches => Volatile.Read(ref _fetches);

    public FakeChDbPackage WithPinnedHashes(string? tarballSha256 = null, string? librarySha256 = null)
    {
        Package = Package with { TarballSha256 = tarballSha256 ?? Package.TarballSha256, LibrarySha256 = librarySha256 ?? Package.LibrarySha256 };
        return this;
    }

    public string FetchTarball(ChDbPackage package, string workDirectory, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fetches);
        var path = Path.Combine(workDirectory, package.TarballFileName);
        File.WriteAllBytes(path, _tarball);
        return path;
    }

    private static byte[] BuildTarball(byte[] library, bool includeLibrary)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/package.json") { DataStream = new MemoryStream("{}"u8.ToArray()) });
            if (includeLibrary)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, ChDbPackage.LibraryEntryName) { DataStream = new MemoryStream(library) });
            }
        }

        return output.ToArray();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
