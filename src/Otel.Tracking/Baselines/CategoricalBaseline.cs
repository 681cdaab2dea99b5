namespace Otel.Tracking.Baselines;

/// <summary>
/// Counts of a categorical column: the <c>topCategories</c> most frequent values (ties by ordinal order, so the same data
/// always gives the same list), then everything else as <see cref="MlSemanticConventions.OtherCategory"/>. Null or blank
/// values are not counted; a value spelled like the other category counts as other.
/// </summary>
internal static class CategoricalBaseline
{
    public static (string[] Categories, long[] Counts) Count(IEnumerable<string?> values, int topCategories)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long other = 0;
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (value == MlSemanticConventions.OtherCategory)
            {
                other++;
                continue;
            }

            counts[value] = counts.GetValueOrDefault(value) + 1;
        }

        var top = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(topCategories).ToList();
        other += counts.Values.Sum() - top.Sum(c => c.Value);
        return ([.. top.Select(c => c.Key)], [.. top.Select(c => c.Value), other]);
    }
}
