using System.IO.Enumeration;

namespace Otel.Tracking.Artifacts;

/// <summary>A file or a directory given to LogArtifact or LogDataset, resolved to its files.</summary>
internal sealed record LocalFiles(string FullPath, string Name, bool IsDirectory, IReadOnlyList<LocalFile> Files)
{
    // Hidden files too, so the digest covers all the bytes.
    private static readonly EnumerationOptions AllFiles = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        ReturnSpecialDirectories = false,
    };

    public Uri SourceUri => new(FullPath);

    /// <exception cref="FileNotFoundException">Neither a file nor a directory exists at <paramref name="path"/>.</exception>
    public static LocalFiles Resolve(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (File.Exists(full))
        {
            var name = Path.GetFileName(full);
            return new LocalFiles(full, name, false, [new LocalFile(full, name)]);
        }

        if (Directory.Exists(full))
        {
            var files = FilesBelow(full)
                .Select(file => new LocalFile(file, Path.GetRelativePath(full, file).Replace(Path.DirectorySeparatorChar, '/')))
                .OrderBy(file => file.RelativePath, Sha256Digest.Utf8Order)
                .ToList();
            return new LocalFiles(full, Path.GetFileName(full), true, files);
        }

        throw new FileNotFoundException($"No file or directory at '{path}'.", full);
    }

    /// <summary>
    /// Files below <paramref name="directory"/>, as <c>find DIR -xtype f</c> lists them: a link to a file counts as that
    /// file (model caches are often links to blobs); links to directories are not followed, so a link cycle cannot
    /// loop and nothing outside the directory is included; dangling links are left out.
    /// </summary>
    private static FileSystemEnumerable<string> FilesBelow(string directory) =>
        new FileSystemEnumerable<string>(directory, static (ref entry) => entry.ToFullPath(), AllFiles)
        {
            ShouldIncludePredicate = static (ref entry) => !entry.IsDirectory && (!IsLink(ref entry) || LinksToFile(entry.ToFullPath())),
            ShouldRecursePredicate = static (ref entry) => !IsLink(ref entry),
        };

    private static bool IsLink(ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) != 0;

    // File.Exists is true for a dangling link itself; the final target has to be asked.
    private static bool LinksToFile(string path) => File.ResolveLinkTarget(path, returnFinalTarget: true) is FileInfo { Exists: true };

    /// <summary>'/'-separated, without leading, trailing or doubled separators; empty for none.</summary>
    public static string NormalizeArtifactPath(string? path) =>
        string.Join('/', (path ?? "").Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries));
}

/// <param name="FullPath">Absolute path on disk.</param>
/// <param name="RelativePath">'/'-separated path below the directory given (the file name for a single file).</param>
internal sealed record LocalFile(string FullPath, string RelativePath);
