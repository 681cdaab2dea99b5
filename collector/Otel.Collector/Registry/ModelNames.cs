using System.Globalization;
using System.Text.RegularExpressions;

namespace Otel.Collector.Registry;

/// <summary>
/// The rules for model names, aliases, tags and descriptions (docs/registry.md, "Names"). A model name and an alias
/// appear in <c>models:/NAME@ALIAS</c> and in URL paths, so they exclude '/', '@' and spaces.
/// </summary>
internal static partial class ModelNames
{
    public const int MaxNameLength = 128;
    public const int MaxAliasLength = 64;
    public const int MaxTags = 50;
    public const int MaxTagKeyLength = 250;
    public const int MaxTextLength = 5000;

    /// <summary>What <c>models:/NAME</c> and <c>models:/NAME@latest</c> mean: the newest version that is not archived.</summary>
    public const string Latest = "latest";

    /// <summary>Not an alias but the version flag (<c>archived</c>), so it cannot be one.</summary>
    public const string Archived = "archived";

    /// <summary>The stage aliases the seeds name; any other valid name is an alias too.</summary>
    public static readonly IReadOnlyList<string> StageAliases = ["champion", "staging", "production"];

    /// <summary>Literal paths under <c>/api/models/</c> that a model name would be hidden by.</summary>
    private static readonly string[] RouteNames = ["resolve"];

    /// <exception cref="RegistryRefusal">The name breaks a rule (400).</exception>
    public static void CheckModel(string? name)
    {
        if (name is null || name.Length is 0 or > MaxNameLength || !ModelPattern().IsMatch(name))
        {
            throw RegistryRefusal.BadInput(
                $"'{name}' is not a model name: use 1 to {MaxNameLength} letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. churn-classifier)");
        }

        if (RouteNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw RegistryRefusal.BadInput($"'{name}' is reserved (it is a path of the registry API): choose another model name");
        }
    }

    /// <summary>A version number from a URL path: 1, 2, 3…</summary>
    /// <exception cref="RegistryRefusal">Not a number from 1 (400, rather than the 404 of an unmatched route).</exception>
    public static long ParseVersion(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1
            ? version
            : throw RegistryRefusal.BadInput($"'{text}' is not a version number: versions are numbered from 1");

    /// <exception cref="RegistryRefusal">The alias breaks a rule (400).</exception>
    public static void CheckAlias(string? alias)
    {
        if (alias is null || alias.Length is 0 or > MaxAliasLength || !AliasPattern().IsMatch(alias))
        {
            throw RegistryRefusal.BadInput(
                $"'{alias}' is not an alias: use 1 to {MaxAliasLength} lowercase letters, digits, '_' or '-', starting with a letter (e.g. champion, staging, production)");
        }

        if (alias is Latest or Archived)
        {
            throw RegistryRefusal.BadInput(alias == Latest
                ? "'latest' is reserved: models:/NAME@latest always means the newest version that is not archived"
                : "'archived' is not an alias but a version's flag: archive a version with PATCH /api/models/NAME/versions/VERSION {\"archived\": true}");
        }
    }

    /// <exception cref="RegistryRefusal">Too many tags, or a key or value too long (400).</exception>
    public static void CheckTags(IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > MaxTags)
        {
            throw RegistryRefusal.BadInput($"{tags.Count} tags: at most {MaxTags} are allowed");
        }

        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > MaxTagKeyLength || key.Any(char.IsControl))
            {
                throw RegistryRefusal.BadInput($"tag key '{key}' must be 1 to {MaxTagKeyLength} characters without control characters");
            }

            if (value is null || value.Length > MaxTextLength)
            {
                throw RegistryRefusal.BadInput($"the value of tag '{key}' must be a string of at most {MaxTextLength} characters");
            }
        }
    }

    /// <exception cref="RegistryRefusal">The description is too long (400).</exception>
    public static void CheckDescription(string? description)
    {
        if (description is { Length: > MaxTextLength })
        {
            throw RegistryRefusal.BadInput($"a description has at most {MaxTextLength} characters (got {description.Length})");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelPattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPattern();
}
