using System.Text.RegularExpressions;

namespace Otel.Grafana.Tests.Compose;

/// <summary>Compose's interpolation with nothing set in the environment: <c>${NAME:-default}</c> is its default, <c>$$</c> a literal <c>$</c>.</summary>
internal static partial class ComposeInterpolation
{
    public static string WithDefaults(string value) =>
        Variable().Replace(value, match => match.Groups["default"].Success ? match.Groups["default"].Value : "").Replace("$$", "$", StringComparison.Ordinal);

    [GeneratedRegex(@"(?<!\$)\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:-(?<default>[^}]*))?\}")]
    private static partial Regex Variable();
}
