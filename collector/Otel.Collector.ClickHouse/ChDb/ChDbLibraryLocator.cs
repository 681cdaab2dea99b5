using System.Runtime.InteropServices;

namespace Otel.Collector.ClickHouse.ChDb;

/// <summary>
/// Finds <c>libchdb.so</c>: the path in <see cref="LibraryPathVariable"/> as is; else the per-user cache
/// (<c>$XDG_CACHE_HOME/otel-track/chdb/VERSION/</c>, default <c>~/.cache/…</c>) once its SHA-256 matches the
/// pin; else fetches the pinned npm package into that cache under a cross-process lock.
/// </summary>
internal sealed class ChDbLibraryLocator(
    ChDbPackage package,
    string cacheRoot,
    Func<string, string?> environment,
    IChDbPackageSource source,
    bool platformSupported,
    Action? waitingForLock = null)
{
    /// <summary>Path to a <c>libchdb.so</c> to load without verification (offline installs, other platforms).</summary>
    public const string LibraryPathVariable = "OTEL_TRACK_CHDB_LIBRARY";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(20);

    public static ChDbLibraryLocator CreateDefault() => new(
        ChDbPackage.Pinned,
        DefaultCacheRoot(Environment.GetEnvironmentVariable),
        Environment.GetEnvironmentVariable,
        new NpmPackSource(),
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.ProcessArchitecture == Architecture.X64);

    public static string DefaultCacheRoot(Func<string, string?> environment)
    {
        var xdg = environment("XDG_CACHE_HOME");
        var cache = !string.IsNullOrEmpty(xdg) && Path.IsPathFullyQualified(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "otel-track", "chdb");
    }

    public string Locate(CancellationToken cancellationToken)
    {
        var configured = environment(LibraryPathVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new ChDbUnavailableException(
                    $"{LibraryPathVariable} is set to '{configured}', but no file is there. Point it at an extracted libchdb.so " +
                    $"(from the npm package {package.NpmSpec}) or unset it to let the collector fetch and cache chDB itself.");
        }

        if (!platformSupported)
        {
            throw new ChDbUnavailableException(
                $"The embedded ClickHouse engine (chDB) is fetched automatically only on Linux x64 (glibc), and this is " +
                $"{RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}. Use a ClickHouse server instead, " +
                $"or set {LibraryPathVariable} to a chDB {package.Version} library built for this platform.");
        }

        var directory = Path.Combine(cacheRoot, package.Version);
        var library = Path.Combine(directory, ChDbPackage.LibraryFileName);
        if (VerifiedLibraryMarker.IsVerified(library, package.LibrarySha256))
        {
            return library;
        }

        Directory.CreateDirectory(directory);
        using (CacheDirectoryLock.Acquire(Path.Combine(directory, ".lock"), LockTimeout, cancellationToken, waitingForLock))
        {
            // Another process may have installed it while this one waited for the lock.
            return VerifiedLibraryMarker.IsVerified(library, package.LibrarySha256)
                ? library
                : new ChDbPackageInstaller(package, source).Install(directory, cancellationToken);
        }
    }
}
