namespace Otel.Tracking.Baselines;

/// <summary>
/// Bins of a numeric column under OTLP explicit-bucket semantics: bin i holds bounds[i-1] &lt; v &lt;= bounds[i], so
/// there are bounds + 1 counts. NaN is not counted; infinities fall in the outer bins.
/// </summary>
internal static class NumericBaseline
{
    /// <summary>
    /// Inner edges at the quantiles 1/bins … (bins-1)/bins of the finite values: the edge for quantile q is the smallest
    /// value with at least q of the values at or below it, so ties stay in one bin. Deduplicated, hence fewer edges for
    /// columns with few distinct values (one for a constant column); empty when there is no finite value.
    /// </summary>
    public static double[] QuantileEdges(IEnumerable<double> values, int bins)
    {
        var sorted = values.Where(double.IsFinite).ToArray();
        Array.Sort(sorted);
        var n = (long)sorted.Length;
        if (n == 0)
        {
            return [];
        }

        var edges = new List<double>(bins - 1);
        for (var i = 1; i < bins; i++)
        {
            // ceil(i * n / bins) - 1, the index of the value at quantile i / bins.
            var index = ((i * n) + bins - 1) / bins - 1;
            var edge = sorted[index];
            if (edges.Count == 0 || edges[^1] < edge)
            {
                edges.Add(edge);
            }
        }

        return [.. edges];
    }

    /// <summary>Explicit edges as given by a caller: finite, then sorted and deduplicated.</summary>
    /// <exception cref="ArgumentException">An edge is NaN or infinite, or there is none.</exception>
    public static double[] CheckedEdges(IEnumerable<double> edges, string parameter)
    {
        var list = edges.ToList();
        if (list.Count == 0 || list.Any(e => !double.IsFinite(e)))
        {
            throw new ArgumentException("bin edges must be at least one finite number (the inner edges, e.g. [0.5, 1, 2]).", parameter);
        }

        return [.. list.Distinct().Order()];
    }

    /// <summary>Counts per bin (bounds + 1 of them); NaN is skipped.</summary>
    public static long[] Count(IEnumerable<double> values, double[] bounds)
    {
        var counts = new long[bounds.Length + 1];
        foreach (var value in values)
        {
            if (!double.IsNaN(value))
            {
                counts[BinOf(value, bounds)]++;
            }
        }

        return counts;
    }

    /// <summary>The number of bounds below <paramref name="value"/>: the first bin whose upper bound is at or above it.</summary>
    private static int BinOf(double value, double[] bounds)
    {
        var found = Array.BinarySearch(bounds, value);
        return found >= 0 ? found : ~found;
    }
}
