using System.Text.RegularExpressions;

namespace Otel.Collector.ClickHouse;

/// <summary>Database, table and format names that go into SQL text: plain identifiers only, so quoting is never in question.</summary>
internal static partial class SqlIdentifier
{
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <exception cref="ArgumentException"><paramref name="name"/> is not <c>[A-Za-z_][A-Za-z0-9_]*</c>.</exception>
    public static string Require(string name, string what) =>
        IsValid(name)
            ? name
            : throw new ArgumentException($"The {what} name '{name}' is not a plain identifier (letters, digits and '_', not starting with a digit).", what);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
