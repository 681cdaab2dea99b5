namespace Otel.Collector.ClickHouse.ChDb;

/// <summary>
/// The chDB build this collector is pinned to: the npm package that carries <c>libchdb.so</c>
/// and the SHA-256 of both the packed tarball and the library, as verified when it was pinned.
/// </summary>
internal sealed record ChDbPackage(
    string NpmName,
    string Version,
    string TarballSha256,
    string LibrarySha256)
{
    public static ChDbPackage Pinned { get; } = new(
        NpmName: "@chdb/lib-linux-x64-gnu",
        Version: "26.7.3-stable.1",
        TarballSha256: "c0d32b129e988f2b9a9a31c9141aecf5e1e2453f9a079efc4d36ab8e3f92b2ad",
        LibrarySha256: "36ad4e999882821ef13cf2d0f52c93f48e6ee1b4498b35a201c23ce4b8d15bf5");

    /// <summary>The library's path inside the package tarball.</summary>
    public const string LibraryEntryName = "package/libchdb.so";

    public const string LibraryFileName = "libchdb.so";

    public string NpmSpec => $"{NpmName}@{Version}";

    /// <summary>The file name <c>npm pack</c> writes: scope without '@', '/' turned into '-'.</summary>
    public string TarballFileName => $"{NpmName.TrimStart('@').Replace('/', '-')}-{Version}.tgz";
}
