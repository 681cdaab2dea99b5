namespace Otel.Grafana.Tests.Harness.Alerting;

/// <summary>
/// One instance of a query's or an expression's result as Grafana's server-side expressions see it: its labels and
/// either a number or a time series (points in time order). Null is no value.
/// </summary>
public sealed record AlertValue(IReadOnlyDictionary<string, string> Labels, double? Number, IReadOnlyList<(DateTimeOffset Time, double? Value)>? Series = null)
{
    public bool IsSeries => Series is not null;

    /// <summary>The labels as Grafana prints them: <c>{model=churn, feature=age}</c>.</summary>
    public string LabelText => "{" + string.Join(", ", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";

    /// <summary>Whether this instance's labels agree with <paramref name="other"/>'s on every key both have (Grafana's union join).</summary>
    public bool Joins(AlertValue other)
    {
        var (small, large) = Labels.Count <= other.Labels.Count ? (Labels, other.Labels) : (other.Labels, Labels);
        return small.All(l => large.TryGetValue(l.Key, out var value) && value == l.Value);
    }
}

/// <summary>One instance of the rule's condition: its labels, its value and whether it fires (a value other than 0, NaN and null).</summary>
public sealed record AlertInstanceResult(IReadOnlyDictionary<string, string> Labels, double? Value, bool Firing)
{
    /// <summary>The values of the named labels joined with '/', to name an instance in assertions.</summary>
    public string Identity(IEnumerable<string> labelNames) => string.Join('/', labelNames.Select(name => Labels.GetValueOrDefault(name, "")));

    public string LabelText => "{" + string.Join(", ", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
}

/// <summary>
/// A rule evaluated once: every instance of its condition, the results of each step by refId (for diagnosis), the
/// SQL each query ran, and whether the queries returned no data (Grafana's NoData state, decided by noDataState).
/// </summary>
public sealed record AlertEvaluation(
    IReadOnlyList<AlertInstanceResult> Instances,
    IReadOnlyDictionary<string, IReadOnlyList<AlertValue>> Steps,
    IReadOnlyDictionary<string, string> Sql,
    bool NoData)
{
    public IReadOnlyList<AlertInstanceResult> Firing => [.. Instances.Where(i => i.Firing)];

    /// <summary>Every step's values, for an assertion's message.</summary>
    public override string ToString() =>
        string.Join("\n", Steps.Select(s => $"{s.Key}: " + string.Join("; ", s.Value.Select(v => v.LabelText + " " + (v.IsSeries ? $"{v.Series!.Count} points" : v.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null")))));
}
