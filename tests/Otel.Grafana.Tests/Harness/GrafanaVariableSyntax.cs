using System.Text.RegularExpressions;

namespace Otel.Grafana.Tests.Harness;

/// <summary>
/// Grafana's template variable syntax (the browser's TemplateSrv regex): <c>$name</c>, <c>[[name]]</c>,
/// <c>[[name:format]]</c>, <c>${name}</c>, <c>${name:format}</c> and <c>${name.field}</c>.
/// </summary>
internal static partial class GrafanaVariableSyntax
{
    public static string Replace(string text, Func<string, string?, string?, string?> replacement) =>
        Reference().Replace(text, match =>
        {
            var name = First(match, "plain", "bracket", "braced")!;
            var format = First(match, "bracketFormat", "bracedFormat");
            var field = match.Groups["field"].Success ? match.Groups["field"].Value : null;
            return replacement(name, format, field) ?? match.Value;
        });

    private static string? First(Match match, params string[] groups) =>
        groups.Select(g => match.Groups[g]).FirstOrDefault(g => g.Success)?.Value;

    [GeneratedRegex(@"\$(?<plain>\w+)|\[\[(?<bracket>\w+?)(?::(?<bracketFormat>\w+))?\]\]|\$\{(?<braced>\w+)(?:\.(?<field>[^:^\}]+))?(?::(?<bracedFormat>[^\}]+))?\}")]
    private static partial Regex Reference();
}
