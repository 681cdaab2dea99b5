using System.Text.Json.Serialization;
using Otel.Collector.ClickHouse;

namespace Otel.Collector.Query;

/// <summary>Quality numbers across runs: CI duplicate fraction and reproducibility rate.</summary>
internal sealed class StatsQueries(IClickHouseStore store, RunQueries runs)
{
    /// <summary>Default relative tolerance for a reproduction's metrics to count as reproduced.</summary>
    public const double DefaultTolerance = 1e-6;

    public async Task<RunStats> GetAsync(string? experiment, double tolerance, CancellationToken cancellationToken)
    {
        var filter = new QueryParameters().Add("experiment", experiment ?? string.Empty);
        var counts = JsonRows.Parse(await store.QueryAsync($"""
            SELECT count() AS Runs, uniqExact(LogicalKey) AS LogicalRuns
            FROM (SELECT {RunQueries.LogicalKey} AS LogicalKey FROM ml_runs FINAL
                  WHERE {"{experiment:String}"} = '' OR Experiment = {"{experiment:String}"})
            """, "JSONEachRow", filter, cancellationToken)).Single();
        var total = counts.Int64("Runs");
        var logical = counts.Int64("LogicalRuns");

        var pairs = JsonRows.Parse(await store.QueryAsync("""
            SELECT RunId, Reproduces FROM ml_runs FINAL
            WHERE Reproduces != '' AND Status = 'FINISHED' AND ({experiment:String} = '' OR Experiment = {experiment:String})
            """, "JSONEachRow", filter, cancellationToken)).Select(r => (Copy: r.String("RunId"), Original: r.String("Reproduces"))).ToList();
        var within = 0;
        foreach (var (copy, original) in pairs)
        {
            var a = await runs.GetRunAsync(original, cancellationToken);
            var b = await runs.GetRunAsync(copy, cancellationToken);
            if (a is not null && b is not null && MetricsMatch(a.Metrics, b.Metrics, tolerance))
            {
                within++;
            }
        }

        return new RunStats(total, logical, total == 0 ? 0 : (double)(total - logical) / total,
            pairs.Count, within, pairs.Count == 0 ? null : (double)within / pairs.Count, tolerance);
    }

    /// <summary>Every metric of the original is present in the copy and within the relative tolerance (absolute near zero).</summary>
    public static bool MetricsMatch(IReadOnlyDictionary<string, double> original, IReadOnlyDictionary<string, double> copy, double tolerance) =>
        original.Count > 0 && original.All(m => copy.TryGetValue(m.Key, out var v)
            && (v == m.Value || (double.IsNaN(v) && double.IsNaN(m.Value)) || Math.Abs(v - m.Value) <= tolerance * Math.Max(1, Math.Abs(m.Value))));
}

internal sealed record RunStats(
    [property: JsonPropertyName("runs")] long Runs,
    [property: JsonPropertyName("logicalRuns")] long LogicalRuns,
    [property: JsonPropertyName("duplicateFraction")] double DuplicateFraction,
    [property: JsonPropertyName("reproductions")] int Reproductions,
    [property: JsonPropertyName("reproducedWithinTolerance")] int ReproducedWithinTolerance,
    [property: JsonPropertyName("reproducibilityRate")] double? ReproducibilityRate,
    [property: JsonPropertyName("tolerance")] double Tolerance);
