namespace Otel.Tests.Shared;

/// <summary>
/// Run ids that break naive URL building (slashes, escapes, dots, route names, spaces, quotes, unicode, the longest
/// allowed) but that the run id rule accepts: each must come back unchanged through the API and the CLI.
/// Shared with Otel.Cli.Tests (linked).
/// </summary>
internal static class AwkwardRunIds
{
    public static IReadOnlyList<string> All { get; } =
    [
        "sweep/trial-1", "a/b/c", "/leading", "trailing/", "a//b", "./x", "../x", "a/../b", "...", "a.", ".hidden",
        "%", "100%", "%2F", "a%2Fb", "a%252Fb", "%00", "%zz", "what?", "q?a=1&b=2", "x#y", "a+b", "a b", " lead", "trail ",
        "   ", "it's", "say \"hi\"", "a\\b", "\\", "\\..", "C:\\data\\x.csv", "{id}", "[x]", "a;b", "~user", "@at", "@", "-dash", "--double-dash", "é",
        "héllo wörld — 你好 🚀 \u00a0\u2028", "diff", "compare", "history", "artifacts",
        new string('r', 256), string.Concat(Enumerable.Repeat("é/ 🚀%", 42)) + "abcd",
    ];
}
