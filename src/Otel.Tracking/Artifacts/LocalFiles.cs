namespace Otel.Tracking.Artifacts;

/// <summary>A file or a directory given to LogArtifact or LogDataset, resolved to its files.</summary>
internal sealed record LocalFiles(string FullPath, string Name, bool IsDirectory, IReadOnlyList<LocalFile> Files)
{
    // Every regular file below the directory, hidden ones included, so the digest covers all the bytes.
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
            var files = Directory.EnumerateFiles(full, "*", AllFiles)
                .Select(file => new LocalFile(file, Path.GetRelativePath(full, file).Replace(Path.DirectorySeparatorChar, '/')))
                .OrderBy(file => file.RelativePath, Sha256Digest.Utf8Order)
                .ToList();
            return new LocalFiles(full, Path.GetFileName(full), true, files);
        }

        throw new FileNotFoundException($"No file or directory at '{path}'.", full);
    }

    /// <summary>'/'-separated, without leading, trailing or doubled separators; empty for none.</summary>
    public static string NormalizeArtifactPath(string? path) =>
        string.Join('/', (path ?? "").Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries));

    public static string Join(string prefix, string path) => prefix.Length == 0 ? path : prefix + "/" + path;
}

/// <param name="FullPath">Absolute path on disk.</param>
/// <param name="RelativePath">'/'-separated path below the directory given (the file name for a single file).</param>
internal sealed record LocalFile(string FullPath, string RelativePath);
