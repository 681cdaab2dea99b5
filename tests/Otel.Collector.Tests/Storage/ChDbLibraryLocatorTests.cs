using Otel.Collector.ClickHouse.ChDb;

namespace Otel.Collector.Tests.Storage;

public sealed class ChDbLibraryLocatorTests : IDisposable
{
    private readonly string _cacheRoot = Path.Combine(Path.GetTempPath(), "otel-track-locator-test-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_cacheRoot))
        {
            Directory.Delete(_cacheRoot, recursive: true);
        }
    }

    [Fact]
    public void Locate_EnvironmentVariableSet_ReturnsThatFileWithoutFetching()
    {
        Directory.CreateDirectory(_cacheRoot);
        var library = Path.Combine(_cacheRoot, "custom-libchdb.so");
        File.WriteAllText(library, "anything");
        var source = new FakeChDbPackage();

        var located = Locator(source, environment: new() { [ChDbLibraryLocator.LibraryPathVariable] = library }).Locate(Cancellation);

        Assert.Equal(library, located);
        Assert.Equal(0, source.Fetches);
    }

    [Fact]
    public void Locate_EnvironmentVariablePointsNowhere_ThrowsNamingTheVariableAndPath()
    {
        var missing = Path.Combine(_cacheRoot, "missing.so");

        var exception = Assert.Throws<ChDbUnavailableException>(
            () => Locator(new FakeChDbPackage(), environment: new() { [ChDbLibraryLocator.LibraryPathVariable] = missing }).Locate(Cancellation));

        Assert.Contains(ChDbLibraryLocator.LibraryPathVariable, exception.Message, StringComparison.Ordinal);
        Assert.Contains(missing, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_UnsupportedPlatform_ThrowsSayingOnlyLinuxX64IsFetched()
    {
        var source = new FakeChDbPackage();

        var exception = Assert.Throws<ChDbUnavailableException>(() => Locator(source, platformSupported: false).Locate(Cancellation));

        Assert.Contains("only on Linux x64", exception.Message, StringComparison.Ordinal);
        Assert.Contains(ChDbLibraryLocator.LibraryPathVariable, exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, source.Fetches);
    }

    [Fact]
    public void Locate_EmptyCache_FetchesVerifiesAndCachesTheLibrary()
    {
        var source = new FakeChDbPackage();

        var located = Locator(source).Locate(Cancellation);

        Assert.Equal(Path.Combine(_cacheRoot, source.Package.Version, "libchdb.so"), located);
        Assert.Equal(source.Library, File.ReadAllBytes(located));
        Assert.True(File.Exists(VerifiedLibraryMarker.PathFor(located)));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(located)!)); // the fetch directory is gone
        Assert.Equal(1, source.Fetches);
    }

    [Fact]
    public void Locate_VerifiedCache_TrustsTheMarkerWithoutRehashingOrFetching()
    {
        var source = new FakeChDbPackage("original library bytes");
        var located = Locator(source).Locate(Cancellation);
        var modified = File.GetLastWriteTimeUtc(located);

        // Same size and modification time, different bytes: only a rehash could notice.
        File.WriteAllText(located, "tampered library bytes");
        File.SetLastWriteTimeUtc(located, modified);
        var again = Locator(source).Locate(Cancellation);

        Assert.Equal(located, again);
        Assert.Equal("tampered library bytes", File.ReadAllText(again));
        Assert.Equal(1, source.Fetches);
    }

    [Fact]
    public void Locate_CachedLibraryChanged_RefetchesIt()
    {
        var source = new FakeChDbPackage();
        var located = Locator(source).Locate(Cancellation);

        File.WriteAllText(located, "a corrupted library of another size");
        var again = Locator(source).Locate(Cancellation);

        Assert.Equal(source.Library, File.ReadAllBytes(again));
        Assert.Equal(2, source.Fetches);
    }

    [Fact]
    public void Locate_CachedLibraryWithoutMarker_VerifiesByHashAndWritesMarker()
    {
        var source = new FakeChDbPackage();
        var directory = Path.Combine(_cacheRoot, source.Package.Version);
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "libchdb.so"), source.Library);

        var located = Locator(source).Locate(Cancellation);

        Assert.True(File.Exists(VerifiedLibraryMarker.PathFor(located)));
        Assert.Equal(0, source.Fetches);
    }

    [Fact]
    public void Locate_TarballHashMismatch_ThrowsWithRemedyAndCachesNothing()
    {
        var source = new FakeChDbPackage().WithPinnedHashes(tarballSha256: new string('0', 64));

        var exception = Assert.Throws<ChDbUnavailableException>(() => Locator(source).Locate(Cancellation));

        Assert.Contains("tarball's SHA-256", exception.Message, StringComparison.Ordinal);
        Assert.Contains("install Node.js with npm", exception.Message, StringComparison.Ordinal);
        Assert.Contains(ChDbLibraryLocator.LibraryPathVariable, exception.Message, StringComparison.Ordinal);
        Assert.Equal([".lock"], Directory.GetFileSystemEntries(Path.Combine(_cacheRoot, source.Package.Version)).Select(Path.GetFileName));
    }

    [Fact]
    public void Locate_LibraryHashMismatch_ThrowsAndCachesNothing()
    {
        var source = new FakeChDbPackage().WithPinnedHashes(librarySha256: new string('0', 64));

        var exception = Assert.Throws<ChDbUnavailableException>(() => Locator(source).Locate(Cancellation));

        Assert.Contains("libchdb.so's SHA-256", exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_cacheRoot, source.Package.Version, "libchdb.so")));
    }

    [Fact]
    public void Locate_TarballWithoutLibrary_ThrowsNamingTheMissingEntry()
    {
        var source = new FakeChDbPackage(includeLibrary: false);

        var exception = Assert.Throws<ChDbUnavailableException>(() => Locator(source).Locate(Cancellation));

        Assert.Contains("has no package/libchdb.so", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locate_ConcurrentCallers_FetchOnlyOnce()
    {
        // The test holds the cache lock until every caller has found it held, so all four are past the
        // "already installed?" check before anyone installs: the overlap is certain, not hoped for.
        var source = new FakeChDbPackage();
        const int callers = 4;
        var waiting = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        var allWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Waiting()
        {
            if (waiting.TryAdd(Environment.CurrentManagedThreadId, true) && waiting.Count == callers)
            {
                allWaiting.TrySetResult();
            }
        }

        var directory = Path.Combine(_cacheRoot, source.Package.Version);
        Directory.CreateDirectory(directory);
        Task<string[]> located;
        using (CacheDirectoryLock.Acquire(Path.Combine(directory, ".lock"), TimeSpan.FromSeconds(5), Cancellation))
        {
            located = Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Factory.StartNew(
                () => Locator(source, waitingForLock: Waiting).Locate(Cancellation), Cancellation, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
            await allWaiting.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
        }

        var paths = await located.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);

        Assert.Single(paths.Distinct());
        Assert.Equal(1, source.Fetches);
    }

    [Fact]
    public void NpmPackSource_NpmMissing_ThrowsExplainingWhatToInstall()
    {
        Directory.CreateDirectory(_cacheRoot);
        var source = new NpmPackSource("npm-that-does-not-exist-here");

        var exception = Assert.Throws<ChDbUnavailableException>(() => source.FetchTarball(ChDbPackage.Pinned, _cacheRoot, Cancellation));

        Assert.Contains("npm-that-does-not-exist-here was not found on PATH", exception.Message, StringComparison.Ordinal);
        Assert.Contains("install Node.js with npm", exception.Message, StringComparison.Ordinal);
        Assert.Contains("@chdb/lib-linux-x64-gnu@26.7.3-stable.1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultCacheRoot_XdgCacheHomeSet_IsUnderIt()
    {
        var root = ChDbLibraryLocator.DefaultCacheRoot(name => name == "XDG_CACHE_HOME" ? "/var/cache/me" : null);

        Assert.Equal("/var/cache/me/otel-track/chdb", root);
    }

    [Fact]
    public void DefaultCacheRoot_XdgCacheHomeUnset_IsUnderHomeDotCache()
    {
        var root = ChDbLibraryLocator.DefaultCacheRoot(_ => null);

        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "otel-track", "chdb"), root);
    }

    [Fact]
    public void PinnedPackage_TarballFileName_IsWhatNpmPackWrites()
    {
        Assert.Equal("chdb-lib-linux-x64-gnu-26.7.3-stable.1.tgz", ChDbPackage.Pinned.TarballFileName);
    }

    private ChDbLibraryLocator Locator(FakeChDbPackage source, Dictionary<string, string>? environment = null, bool platformSupported = true, Action? waitingForLock = null) =>
        new(source.Package, _cacheRoot, name => environment?.GetValueOrDefault(name), source, platformSupported, waitingForLock);
}
