using System.Diagnostics.Metrics;
using System.Globalization;

namespace Otel.Tracking.Serving;

/// <summary>
/// A categorical feature or output: a counter with the category as an attribute, one of the baseline's top categories
/// or <c>__other__</c>, which bounds cardinality. The attribute values are the baseline's own strings, looked up
/// without allocating (by string or by span).
/// </summary>
internal sealed class CategoricalDistribution : ServingDistribution
{
    private readonly Counter<long> _counter;
    private readonly KeyValuePair<string, object?> _nameTag;
    private readonly Dictionary<string, KeyValuePair<string, object?>> _categories;
    private readonly Dictionary<string, KeyValuePair<string, object?>>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly KeyValuePair<string, object?> _other;

    public CategoricalDistribution(string name, string kind, IReadOnlyList<string> categories, Counter<long> counter)
        : base(name, kind)
    {
        var feature = kind == MlSemanticConventions.BaselineKinds.Feature;
        var categoryKey = feature ? MlSemanticConventions.FeatureCategory : MlSemanticConventions.PredictionCategory;
        _counter = counter;
        _nameTag = new(feature ? MlSemanticConventions.FeatureName : MlSemanticConventions.PredictionName, name);
        _categories = new Dictionary<string, KeyValuePair<string, object?>>(StringComparer.Ordinal);
        foreach (var category in categories)
        {
            _categories.TryAdd(category, new(categoryKey, category));
        }

        _bySpan = _categories.GetAlternateLookup<ReadOnlySpan<char>>();
        _other = new(categoryKey, MlSemanticConventions.OtherCategory);
    }

    public override DropReason Record(string? category)
    {
        if (category is null)
        {
            return DropReason.WrongType;
        }

        _counter.Add(1, _nameTag, _categories.TryGetValue(category, out var tag) ? tag : _other);
        return DropReason.None;
    }

    public override DropReason Record(ReadOnlySpan<char> category)
    {
        _counter.Add(1, _nameTag, _bySpan.TryGetValue(category, out var tag) ? tag : _other);
        return DropReason.None;
    }

    /// <summary>A number is its invariant text ("1" for 1.0), so integer class labels work as categories.</summary>
    public override DropReason Record(double value)
    {
        if (!double.IsFinite(value))
        {
            return DropReason.NonFinite;
        }

        Span<char> text = stackalloc char[32];
        return value.TryFormat(text, out var written, provider: CultureInfo.InvariantCulture)
            ? Record(text[..written])
            : DropReason.WrongType;
    }
}
