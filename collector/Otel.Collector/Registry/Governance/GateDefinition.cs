namespace Otel.Collector.Registry.Governance;

/// <summary>
/// The gate of a protected alias (a row of <c>ml_model_gates</c>): what a version must show to be promoted to it.
/// <see cref="MinCompleteness"/> is a fraction from 0 to 1, as completeness is stored and printed (<c>runs show</c>).
/// <see cref="RequiredDatasets"/> are <c>NAME</c> (the version's frozen datasets include one of that name) or
/// <c>NAME@DIGEST</c> (…with that digest).
/// </summary>
internal sealed record GateDefinition(
    string Model,
    string Alias,
    uint MinApprovals,
    double? MinCompleteness,
    bool RequireCleanTree,
    IReadOnlyList<string> RequiredDatasets,
    IReadOnlyList<MetricCondition> MetricConditions)
{
    /// <summary>
    /// Builds a gate from what a user typed, or every reason it cannot be one (each naming the flag to fix).
    /// </summary>
    public static (GateDefinition? Gate, IReadOnlyList<string> Errors) Parse(
        string model, string alias, long? minApprovals, double? minCompleteness, bool requireCleanTree,
        IReadOnlyList<string>? requiredDatasets, IReadOnlyList<string>? metricConditions)
    {
        var errors = new List<string>();
        if (minApprovals is < 0 or > uint.MaxValue)
        {
            errors.Add($"--min-approvals {minApprovals}: give a whole number of approvals from 0 up");
        }

        if (minCompleteness is { } completeness && (!double.IsFinite(completeness) || completeness < 0 || completeness > 1))
        {
            errors.Add($"--min-completeness {Numbers.Format(completeness)}: completeness is a fraction from 0 to 1, as `runs show` prints it (for 80% write 0.8)");
        }

        var datasets = new List<string>();
        foreach (var dataset in requiredDatasets ?? [])
        {
            if (RequiredDataset.TryParse(dataset, out _, out var error))
            {
                datasets.Add(dataset.Trim());
            }
            else
            {
                errors.Add(error);
            }
        }

        var conditions = new List<MetricCondition>();
        foreach (var text in metricConditions ?? [])
        {
            if (MetricCondition.TryParse(text, out var condition, out var error))
            {
                conditions.Add(condition);
            }
            else
            {
                errors.Add("--metric " + error);
            }
        }

        if (errors.Count == 0 && minApprovals is null or 0 && minCompleteness is null && !requireCleanTree && datasets.Count == 0 && conditions.Count == 0)
        {
            errors.Add("a gate needs at least one condition: --min-approvals N, --min-completeness X, --require-clean-tree, --require-dataset NAME or --metric \"KEY OP VALUE|champion\"" +
                " (to unprotect the alias, delete its gate)");
        }

        return errors.Count > 0
            ? (null, errors)
            : (new GateDefinition(model, alias, (uint)(minApprovals ?? 0), minCompleteness, requireCleanTree, datasets, conditions), []);
    }
}
