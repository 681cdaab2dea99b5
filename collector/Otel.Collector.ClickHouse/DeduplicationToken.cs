using System.Text.RegularExpressions;

namespace Otel.Collector.ClickHouse;

/// <summary>
/// The <c>insert_deduplication_token</c> of an insert. Tokens are made by the collector, not by clients, and are
/// checked to be plain (letters, digits, <c>_ . : -</c>) so they can be written into the statement as a literal.
/// </summary>
internal static partial class DeduplicationToken
{
    /// <exception cref="ArgumentException"><paramref name="token"/> is empty, longer than 200 characters or not plain.</exception>
    public static string Require(string token) =>
        Pattern().IsMatch(token)
            ? token
            : throw new ArgumentException($"The deduplication token '{token}' must be 1-200 letters, digits, '_', '.', ':' or '-'.", nameof(token));

    [GeneratedRegex(@"^[A-Za-z0-9_.:\-]{1,200}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
