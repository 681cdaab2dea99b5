namespace Otel.Collector.Tests.Infrastructure;

/// <summary>Files of the repository the tests check against (documentation examples, conventions).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Otel.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (with Otel.sln) is not above " + AppContext.BaseDirectory);
    }
}
