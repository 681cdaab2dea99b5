using System.Globalization;

namespace Otel.Collector.Registry;

/// <summary>
/// A model reference: <c>models:/NAME@ALIAS</c>, <c>models:/NAME/VERSION</c>, or <c>models:/NAME</c> (the newest
/// version that is not archived, as <c>models:/NAME@latest</c>).
/// </summary>
internal sealed record ModelUri(string Name, string? Alias, long? Version)
{
    public const string Scheme = "models:/";

    /// <exception cref="RegistryRefusal">Not a model URI (400).</exception>
    public static ModelUri Parse(string? text)
    {
        if (text is null || !text.StartsWith(Scheme, StringComparison.Ordinal) || text.Length == Scheme.Length)
        {
            throw Malformed(text);
        }

        var rest = text[Scheme.Length..];
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        ModelUri uri;
        if (at >= 0 && slash < 0)
        {
            uri = new ModelUri(rest[..at], rest[(at + 1)..], null);
            if (uri.Alias != ModelNames.Latest)
            {
                ModelNames.CheckAlias(uri.Alias);
            }
        }
        else if (slash >= 0 && at < 0)
        {
            if (!long.TryParse(rest[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
            {
                throw Malformed(text);
            }

            uri = new ModelUri(rest[..slash], null, version);
        }
        else if (at < 0 && slash < 0)
        {
            uri = new ModelUri(rest, ModelNames.Latest, null);
        }
        else
        {
            throw Malformed(text);
        }

        ModelNames.CheckModel(uri.Name);
        return uri;
    }

    private static RegistryRefusal Malformed(string? text) => RegistryRefusal.BadInput(
        $"'{text}' is not a model URI: use models:/NAME@ALIAS, models:/NAME/VERSION (a number from 1) or models:/NAME (the newest version not archived)");
}
