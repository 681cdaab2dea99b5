using Otel.Collector.ClickHouse;

namespace Otel.Collector.Provenance;

/// <summary>
/// The SQL condition behind each mandatory field, over a row of <c>ml_runs</c>. Conditions are fixed
/// text from this file; a user-named attribute travels as a query parameter, never as SQL.
/// </summary>
internal static class CompletenessChecks
{
    public const string AttributePrefix = "attribute:";

    private static readonly Dictionary<string, string> BuiltIn = new(StringComparer.Ordinal)
    {
        ["commit"] = "Provenance['vcs.ref.head.revision'] != ''",
        ["clean_tree"] = "Provenance['ml.vcs.dirty'] = 'false'",
        ["dataset_digest"] = "RunId IN (SELECT RunId FROM ml_datasets WHERE Digest != '')",
        ["params"] = "RunId IN (SELECT RunId FROM ml_params)",
        ["runtime"] = "Provenance['process.runtime.version'] != ''",
        ["seed"] = "Provenance['ml.run.seed'] != ''",
        ["ci_run"] = "Provenance['cicd.pipeline.run.id'] != ''",
        ["container_image"] = "Provenance['container.image.name'] != '' OR Provenance['container.image.id'] != ''",
    };

    public static IReadOnlyCollection<string> Names => BuiltIn.Keys;

    /// <summary>Every configuration error, each naming the bad field.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<string> fields) =>
        fields.Where(f => !BuiltIn.ContainsKey(f) && !(f.StartsWith(AttributePrefix, StringComparison.Ordinal) && f.Length > AttributePrefix.Length))
            .Select(f => $"mandatory field '{f}' is unknown: use one of {string.Join(", ", BuiltIn.Keys)} or attribute:NAME")
            .ToList();

    /// <summary>The SQL array of conditions, in field order, adding attribute names to <paramref name="parameters"/>.</summary>
    public static string ConditionArray(IReadOnlyList<string> fields, QueryParameters parameters)
    {
        var conditions = new List<string>(fields.Count);
        for (var i = 0; i < fields.Count; i++)
        {
            if (BuiltIn.TryGetValue(fields[i], out var condition))
            {
                conditions.Add($"({condition})");
            }
            else
            {
                parameters.Add($"attribute{i}", fields[i][AttributePrefix.Length..]);
                conditions.Add($"(Provenance[{{attribute{i}:String}}] != '')");
            }
        }

        return "[" + string.Join(", ", conditions) + "]";
    }
}
