using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Otel.Collector.ClickHouse.Migrations;

/// <summary>Reads migrations embedded as resources named <c>PREFIX + NNNN_name.sql</c>.</summary>
internal static partial class EmbeddedMigrations
{
    public const string ProductResourcePrefix = "Otel.Collector.ClickHouse.Migrations.";

    /// <summary>The product schema: this assembly's <c>Migrations/*.sql</c>, in version order.</summary>
    public static IReadOnlyList<Migration> Product { get; } = Load(typeof(EmbeddedMigrations).Assembly, ProductResourcePrefix);

    /// <exception cref="InvalidOperationException">A resource name does not follow <c>NNNN_name.sql</c>, or two share a version.</exception>
    public static IReadOnlyList<Migration> Load(Assembly assembly, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(resourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[resourcePrefix.Length..];
            var match = FileName().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException($"The migration resource '{resource}' must be named NNNN_name.sql (digits, '_', then letters, digits or '_').");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(uint.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, reader.ReadToEnd()));
        }

        return Ordered(migrations);
    }

    /// <summary>Sorts by version and rejects duplicates.</summary>
    public static IReadOnlyList<Migration> Ordered(IEnumerable<Migration> migrations)
    {
        var ordered = migrations.OrderBy(migration => migration.Version).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Version == ordered[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations share version {ordered[i].Version}: {ordered[i - 1]} and {ordered[i]}.");
            }
        }

        return ordered;
    }

    [GeneratedRegex(@"^(?<version>[0-9]{1,9})_(?<name>[A-Za-z0-9_]+)\.sql\z", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();
}
