using System.Globalization;

namespace Otel.Collector.ClickHouse.ChDb;

/// <summary>
/// Remembers that a cached library matched its pinned SHA-256, keyed by its size and modification
/// time, so that a start does not rehash 566 MB. Any change to the file invalidates the marker.
/// </summary>
internal static class VerifiedLibraryMarker
{
    public static string PathFor(string libraryPath) => libraryPath + ".verified";

    public static bool IsVerified(string libraryPath, string expectedSha256)
    {
        var library = new FileInfo(libraryPath);
        if (!library.Exists)
        {
            return false;
        }

        if (MarkerMatches(library, expectedSha256))
        {
            return true;
        }

        if (!Sha256File.Matches(Sha256File.Compute(libraryPath), expectedSha256))
        {
            return false;
        }

        Write(libraryPath, expectedSha256);
        return true;
    }

    public static void Write(string libraryPath, string sha256)
    {
        var library = new FileInfo(libraryPath);
        var markerPath = PathFor(libraryPath);
        var temporary = markerPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, Describe(library, sha256));
        File.Move(temporary, markerPath, overwrite: true);
    }

    private static bool MarkerMatches(FileInfo library, string expectedSha256)
    {
        try
        {
            return string.Equals(File.ReadAllText(PathFor(library.FullName)), Describe(library, expectedSha256), StringComparison.OrdinalIgnoreCase);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    private static string Describe(FileInfo library, string sha256) => string.Create(
        CultureInfo.InvariantCulture,
        $"sha256={sha256}\nsize={library.Length}\nmtime_ticks={library.LastWriteTimeUtc.Ticks}\n");
}
