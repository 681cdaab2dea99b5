namespace Otel.Collector.Query.RunFilter;

/// <summary>
/// The run attributes a filter or order-by can name (MLflow's names, plus <c>experiment</c> and <c>parent_id</c>, for a sweep's trials), with the column of the runs
/// query each reads. Times compare as milliseconds since the epoch, as MLflow's do.
/// </summary>
internal static class RunAttributes
{
    public sealed record Attribute(string Column, bool IsTime);

    private static readonly Dictionary<string, Attribute> Known = new(StringComparer.Ordinal)
    {
        ["status"] = new("Status", false),
        ["run_name"] = new("RunName", false),
        ["run_id"] = new("RunId", false),
        ["experiment"] = new("Experiment", false),
        ["parent_id"] = new("ParentRunId", false),
        ["start_time"] = new("StartTime", true),
        ["end_time"] = new("EndTime", true),
    };

    public static string Names => string.Join(", ", Known.Keys.Select(k => "attributes." + k));

    public static Attribute? Find(string name) => Known.GetValueOrDefault(name.ToLowerInvariant());

    /// <summary>The canonical (lower-case) spelling, for names <see cref="Find"/> knows.</summary>
    public static string Canonical(string name) => name.ToLowerInvariant();
}
