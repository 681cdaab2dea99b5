namespace Otel.Tracking.Query;

/// <summary>
/// When a reproduction's metrics count as reproduced: the rule behind <see cref="RunStats.ReproducibilityRate"/>,
/// shared by the server's <c>/api/stats</c> and the CLI's <c>reproduce --run</c> so that both agree.
/// </summary>
public static class Reproducibility
{
    /// <summary>Default relative tolerance for a reproduction's metrics to count as reproduced.</summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>Every metric of the original is present in the copy and within the relative tolerance (absolute near zero).</summary>
    public static bool MetricsMatch(IReadOnlyDictionary<string, double> original, IReadOnlyDictionary<string, double> copy, double tolerance) =>
        original.Count > 0 && original.All(m => copy.TryGetValue(m.Key, out var v)
            && (v == m.Value || (double.IsNaN(v) && double.IsNaN(m.Value)) || Math.Abs(v - m.Value) <= tolerance * Math.Max(1, Math.Abs(m.Value))));
}
