using Otel.Tracking.Query;

namespace Otel.Cli.Output;

/// <summary>
/// Which metrics and params <c>runs list</c> shows when <c>--columns</c> does not say: the metrics most of the listed runs log (the
/// leaderboard metric first), and the params whose value differs between runs. Most relevant first, so a narrow terminal drops the
/// last ones.
/// </summary>
internal static class RunListColumns
{
    /// <summary>At most this many metric (and param) columns are proposed, however wide the output.</summary>
    public const int MaximumPerKind = 8;

    /// <summary>These many metrics are proposed even when fewer than half the runs log them.</summary>
    private const int AlwaysProposed = 3;

    /// <summary>Namespaces of system and runtime metrics (OpenTelemetry semantic conventions): every run has them, few read them in a list.</summary>
    private static readonly string[] SystemNamespaces = ["system.", "process.", "dotnet.", "hw.", "gpu.", "container.", "jvm."];

    /// <summary>Prefixes of held-out evaluation metrics, which people compare runs by before training ones.</summary>
    private static readonly string[] EvaluationPrefixes = ["val", "eval", "test"];

    public static IReadOnlyList<string> Metrics(IReadOnlyList<RunSummary> runs)
    {
        var counts = runs.SelectMany(r => r.Metrics.Keys).CountBy(k => k, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var leaderboard = LeaderboardMetric(runs, counts);
        return counts.Keys
            .OrderByDescending(k => k == leaderboard)
            .ThenBy(IsSystemMetric)
            .ThenByDescending(k => counts[k])
            .ThenByDescending(IsEvaluationMetric)
            .ThenBy(k => k, StringComparer.Ordinal)
            .Where((k, rank) => rank < AlwaysProposed || k == leaderboard || counts[k] * 2 >= runs.Count)
            .Take(MaximumPerKind)
            .ToList();
    }

    /// <summary>Params with two or more values among the runs that have them; a param one run alone has (a sweep parent's) is left out.</summary>
    public static IReadOnlyList<string> DifferingParams(IReadOnlyList<RunSummary> runs) =>
        runs.SelectMany(r => r.Params)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Runs: g.Count(), Values: g.Select(p => p.Value).Distinct(StringComparer.Ordinal).Count()))
            .Where(p => p.Values > 1)
            .OrderByDescending(p => p.Runs)
            .ThenByDescending(p => p.Values)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(MaximumPerKind)
            .Select(p => p.Key)
            .ToList();

    /// <summary>
    /// The metric a sweep is judged by, when one is known: a sweep parent records its winner as <c>best_K</c> (as the demo's sweep
    /// does with <c>best_val_accuracy</c>), so K, when other listed runs log it, is what their leaderboard ranks.
    /// </summary>
    public static string? LeaderboardMetric(IReadOnlyList<RunSummary> runs) =>
        LeaderboardMetric(runs, runs.SelectMany(r => r.Metrics.Keys).CountBy(k => k, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal));

    private static string? LeaderboardMetric(IReadOnlyList<RunSummary> runs, Dictionary<string, int> counts) =>
        runs.SelectMany(r => r.Metrics.Keys)
            .Where(k => k.StartsWith("best_", StringComparison.Ordinal) && counts.ContainsKey(k["best_".Length..]))
            .Select(k => k["best_".Length..])
            .OrderByDescending(k => counts[k])
            .ThenBy(k => k, StringComparer.Ordinal)
            .FirstOrDefault();

    private static bool IsSystemMetric(string key) => SystemNamespaces.Any(ns => key.StartsWith(ns, StringComparison.Ordinal));

    private static bool IsEvaluationMetric(string key) =>
        EvaluationPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase) && key.Length > p.Length && !char.IsLetter(key[p.Length]))
        || key.StartsWith("valid", StringComparison.OrdinalIgnoreCase);
}
