using System.Text.RegularExpressions;

namespace Otel.Cli.Tests.Infrastructure;

/// <summary>The shell commands of a README section's first ```bash block, as a newcomer would paste them, one per command.</summary>
internal static partial class ReadmeBlocks
{
    public static IReadOnlyList<string> Commands(string readme, string heading)
    {
        var start = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the README has no section '{heading}'");
        var block = BashBlock().Match(readme, start);
        Assert.True(block.Success, $"the README's section '{heading}' has no ```bash block");
        // A line ending in a backslash continues on the next, as bash reads it.
        var body = block.Groups["body"].Value.Replace("\\\n", " ", StringComparison.Ordinal);
        return body.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
    }

    [GeneratedRegex(@"```bash\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
