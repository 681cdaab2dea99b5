using Otel.Tracking.Query.Registry;

namespace Otel.Tracking.Baselines;

/// <summary>The sampled values of one column, numeric (NaN for missing) or categorical (null for missing).</summary>
internal sealed class ColumnSample
{
    private readonly List<double>? _numbers;
    private readonly List<string?>? _categories;

    private ColumnSample(string name, bool numeric)
    {
        Name = name;
        if (numeric)
        {
            _numbers = [];
        }
        else
        {
            _categories = [];
        }
    }

    public string Name { get; }

    public bool IsNumeric => _numbers is not null;

    public static ColumnSample Numeric(string name) => new(name, numeric: true);

    public static ColumnSample Categorical(string name) => new(name, numeric: false);

    public void Set(int slot, double value) => Put(_numbers!, slot, value);

    public void Set(int slot, string? value) => Put(_categories!, slot, value);

    public BaselineDistribution? Profile(string kind, BaselineSettings settings, string digest)
    {
        if (_numbers is not null)
        {
            var bounds = NumericBaseline.QuantileEdges(_numbers, settings.Bins);
            return bounds.Length == 0 ? null : BaselineDistributions.Numeric(Name, kind, bounds, NumericBaseline.Count(_numbers, bounds), digest);
        }

        var (categories, counts) = CategoricalBaseline.Count(_categories!, settings.TopCategories);
        return counts.Sum() == 0 ? null : BaselineDistributions.Categorical(Name, kind, categories, counts, digest);
    }

    /// <summary>Slots are filled in order before any is replaced (<see cref="RowReservoir.Next"/>).</summary>
    private static void Put<T>(List<T> values, int slot, T value)
    {
        if (slot == values.Count)
        {
            values.Add(value);
        }
        else
        {
            values[slot] = value;
        }
    }
}
