namespace Otel.Cli.Bench;

/// <summary>Percentiles of the benchmarks' samples.</summary>
internal static class Percentiles
{
    /// <summary>The nearest-rank percentile <paramref name="p"/> (0–1) of ascending, non-empty samples.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
