using Otel.Tracking.Query;

namespace Otel.Collector.Query;

/// <summary>Lines runs up side by side and finds the params whose values differ between them.</summary>
internal static class RunComparer
{
    public static RunComparison Compare(IReadOnlyList<RunSummary> runs)
    {
        var paramKeys = runs.SelectMany(r => r.Params.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var metricKeys = runs.SelectMany(r => r.Metrics.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var parameters = paramKeys.ToDictionary(
            key => key,
            key => runs.ToDictionary(r => r.Id, r => r.Params.GetValueOrDefault(key), StringComparer.Ordinal),
            StringComparer.Ordinal);
        var metrics = metricKeys.ToDictionary(
            key => key,
            key => runs.ToDictionary(r => r.Id, r => r.Metrics.TryGetValue(key, out var v) ? v : (double?)null, StringComparer.Ordinal),
            StringComparer.Ordinal);

        // A param missing from one run and present in another differs too.
        var differing = paramKeys.Where(key => parameters[key].Values.Distinct(StringComparer.Ordinal).Count() > 1).ToList();
        return new RunComparison(runs, differing, parameters, metrics);
    }
}
