using System.Text.RegularExpressions;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Grafana.Tests.Compose;

/// <summary>
/// .dockerignore as the build context sees it, for the patterns the repository uses: <c>NAME</c>, <c>**/NAME</c> and
/// <c>*</c> within a name. A path is left out when it or one of its directories matches.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<Regex> _patterns;

    private DockerIgnore(List<Regex> patterns) => _patterns = patterns;

    public static DockerIgnore Load()
    {
        var patterns = RepositoryFiles.Read(".dockerignore").ReplaceLineEndings("\n").Split('\n')
            .Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(pattern => pattern.Contains('!', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal) || pattern.Contains('[', StringComparison.Ordinal)
                ? throw new InvalidOperationException($".dockerignore pattern '{pattern}' is beyond what this reader understands")
                : new Regex("^" + Regex.Escape(pattern).Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$"))
            .ToList();
        return new DockerIgnore(patterns);
    }

    public bool IsIgnored(string relativePath)
    {
        var segments = relativePath.Replace('\\', '/').Split('/');
        for (var length = 1; length <= segments.Length; length++)
        {
            var prefix = string.Join('/', segments.Take(length));
            if (_patterns.Any(pattern => pattern.IsMatch(prefix)))
            {
                return true;
            }
        }

        return false;
    }
}
