namespace Otel.Collector.Query.RunFilter;

/// <summary>Reads an identifier token as a field: the entity before the first dot (MLflow's names and their singulars), the key after it.</summary>
internal static class FilterIdentifiers
{
    public const string Expected = "an identifier such as metrics.KEY, params.KEY, tags.KEY or attributes.status";

    private static readonly Dictionary<string, FilterEntity> Entities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["metrics"] = FilterEntity.Metric,
        ["metric"] = FilterEntity.Metric,
        ["params"] = FilterEntity.Param,
        ["param"] = FilterEntity.Param,
        ["parameters"] = FilterEntity.Param,
        ["parameter"] = FilterEntity.Param,
        ["tags"] = FilterEntity.Tag,
        ["tag"] = FilterEntity.Tag,
        ["attributes"] = FilterEntity.Attribute,
        ["attribute"] = FilterEntity.Attribute,
        ["attr"] = FilterEntity.Attribute,
        ["run"] = FilterEntity.Attribute,
    };

    public static FilterField Read(FilterToken token, string what)
    {
        string prefix;
        string key;
        switch (token.Kind)
        {
            case FilterTokenKind.QuotedIdentifier:
                prefix = token.Text[..^1];
                key = token.Key!;
                break;
            case FilterTokenKind.Word when token.Text.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot && dot < token.Text.Length - 1:
                prefix = token.Text[..dot];
                key = token.Text[(dot + 1)..];
                break;
            default:
                throw RunFilterException.At(what, token.Position, $"expected {Expected}, got {token.Describe()}");
        }

        if (!Entities.TryGetValue(prefix, out var entity))
        {
            throw RunFilterException.At(what, token.Position, $"unknown entity '{prefix}' in {token.Describe()}: use metrics., params., tags. or attributes.");
        }

        if (key.Length == 0)
        {
            throw RunFilterException.At(what, token.Position, $"{token.Describe()} names no key: write {prefix}.KEY");
        }

        if (entity != FilterEntity.Attribute)
        {
            return new FilterField(entity, key);
        }

        return RunAttributes.Find(key) is null
            ? throw RunFilterException.At(what, token.Position, $"unknown attribute '{key}': use {RunAttributes.Names}")
            : new FilterField(entity, RunAttributes.Canonical(key));
    }

    /// <summary>Whether the field compares as a number: metrics, and the time attributes.</summary>
    public static bool IsNumeric(this FilterField field) =>
        field.Entity == FilterEntity.Metric || (field.Entity == FilterEntity.Attribute && RunAttributes.Find(field.Key)!.IsTime);
}
