namespace Otel.Tracking.EnvironmentCapture;

/// <summary>
/// Where capture reads environment variables and files from. The seam for tests: they pass dictionaries and never
/// change the real process environment or read the real /proc.
/// </summary>
internal sealed record EnvironmentSources(Func<string, string?> Variable, Func<string, string?> ReadFile)
{
    /// <summary>The real process environment and file system.</summary>
    public static EnvironmentSources System { get; } = new(global::System.Environment.GetEnvironmentVariable, ReadFileOrNull);

    /// <summary>Fixed variables and file contents; anything not listed is absent.</summary>
    public static EnvironmentSources From(IReadOnlyDictionary<string, string>? variables, IReadOnlyDictionary<string, string>? files = null) =>
        new(name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
            path => files is not null && files.TryGetValue(path, out var text) ? text : null);

    private static string? ReadFileOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
