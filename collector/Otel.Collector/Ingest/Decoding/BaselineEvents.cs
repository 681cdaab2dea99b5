using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Model;
using Otel.Tracking;

namespace Otel.Collector.Ingest.Decoding;

/// <summary>
/// Reads <c>ml.baseline</c> events (docs/semantic-conventions.md, "Baselines"). An event that breaks the convention is
/// refused with the reason: an unknown kind or type, bounds that are not finite and strictly ascending, categories that
/// are blank, repeated or the other category itself, counts that are negative or not one more than the bins, sizes
/// above <see cref="MaxBins"/>.
/// </summary>
internal static class BaselineEvents
{
    /// <summary>Most bounds or categories of one baseline (the SDK makes at most 999 bounds and 1,000 categories).</summary>
    public const int MaxBins = 1000;

    /// <summary>Longest name or category, in characters.</summary>
    public const int MaxTextLength = 256;

    private const string Event = MlSemanticConventions.BaselineEvent;

    public static bool IsBaselineEvent(Span.Types.Event e) => e.Name == Event;

    /// <summary>Adds the event's baseline to the batch; returns an error message when it breaks the convention.</summary>
    public static string? Read(Span.Types.Event e, ulong fallbackTime, string runId, string experiment, IngestBatch batch)
    {
        var values = new Dictionary<string, AnyValue>(StringComparer.Ordinal);
        foreach (var attribute in e.Attributes)
        {
            values[attribute.Key] = attribute.Value;
        }

        var name = Text(values, MlSemanticConventions.BaselineName);
        if (name.Length is 0 or > MaxTextLength)
        {
            return $"event {Event}: {MlSemanticConventions.BaselineName} is required, at most {MaxTextLength} characters";
        }

        var kind = Text(values, MlSemanticConventions.BaselineKind);
        if (kind is not (MlSemanticConventions.BaselineKinds.Feature or MlSemanticConventions.BaselineKinds.Prediction))
        {
            return $"event {Event} '{name}': {MlSemanticConventions.BaselineKind} must be feature or prediction, not '{kind}'";
        }

        var type = Text(values, MlSemanticConventions.BaselineType);
        var numeric = type == MlSemanticConventions.BaselineTypes.Numeric;
        if (!numeric && type != MlSemanticConventions.BaselineTypes.Categorical)
        {
            return $"event {Event} '{name}': {MlSemanticConventions.BaselineType} must be numeric or categorical, not '{type}'";
        }

        var error = numeric ? ReadBounds(values, name, out var bounds, out var categories) : ReadCategories(values, name, out bounds, out categories);
        if (error is not null)
        {
            return error;
        }

        error = ReadCounts(values, name, (numeric ? bounds.Count : categories.Count) + 1, out var counts);
        if (error is not null)
        {
            return error;
        }

        batch.Baselines.Add(new BaselineLogged
        {
            RunId = runId,
            Experiment = experiment,
            Name = name,
            Kind = kind,
            Type = type,
            Bounds = bounds,
            Categories = categories,
            Counts = counts,
            DatasetDigest = Text(values, MlSemanticConventions.BaselineDatasetDigest),
            LoggedAtUnixNano = e.TimeUnixNano != 0 ? e.TimeUnixNano : fallbackTime,
        });
        return null;
    }

    private static string? ReadBounds(Dictionary<string, AnyValue> values, string name, out List<double> bounds, out List<string> categories)
    {
        bounds = [];
        categories = [];
        if (Array(values, MlSemanticConventions.BaselineCategories) is { Count: > 0 })
        {
            return $"event {Event} '{name}': a numeric baseline has {MlSemanticConventions.BaselineBounds}, not {MlSemanticConventions.BaselineCategories}";
        }

        var array = Array(values, MlSemanticConventions.BaselineBounds);
        if (array is null || array.Count is 0 or > MaxBins)
        {
            return $"event {Event} '{name}': a numeric baseline needs {MlSemanticConventions.BaselineBounds}, an array of 1 to {MaxBins} numbers";
        }

        foreach (var value in array)
        {
            double? number = value.ValueCase switch
            {
                AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
                AnyValue.ValueOneofCase.IntValue => value.IntValue,
                _ => null,
            };
            if (number is not { } bound || !double.IsFinite(bound) || (bounds.Count > 0 && bound <= bounds[^1]))
            {
                return $"event {Event} '{name}': {MlSemanticConventions.BaselineBounds} must be finite numbers in strictly ascending order";
            }

            bounds.Add(bound);
        }

        return null;
    }

    private static string? ReadCategories(Dictionary<string, AnyValue> values, string name, out List<double> bounds, out List<string> categories)
    {
        bounds = [];
        categories = [];
        if (Array(values, MlSemanticConventions.BaselineBounds) is { Count: > 0 })
        {
            return $"event {Event} '{name}': a categorical baseline has {MlSemanticConventions.BaselineCategories}, not {MlSemanticConventions.BaselineBounds}";
        }

        var array = Array(values, MlSemanticConventions.BaselineCategories) ?? [];
        if (array.Count > MaxBins)
        {
            return $"event {Event} '{name}': at most {MaxBins} {MlSemanticConventions.BaselineCategories} (the rest counts as {MlSemanticConventions.OtherCategory})";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in array)
        {
            var category = value.ValueCase == AnyValue.ValueOneofCase.StringValue ? value.StringValue : "";
            if (string.IsNullOrWhiteSpace(category) || category.Length > MaxTextLength || category == MlSemanticConventions.OtherCategory || !seen.Add(category))
            {
                return $"event {Event} '{name}': {MlSemanticConventions.BaselineCategories} must be distinct non-blank strings of at most " +
                    $"{MaxTextLength} characters, without {MlSemanticConventions.OtherCategory} (its count is the last one)";
            }

            categories.Add(category);
        }

        return null;
    }

    private static string? ReadCounts(Dictionary<string, AnyValue> values, string name, int expected, out List<long> counts)
    {
        counts = [];
        var array = Array(values, MlSemanticConventions.BaselineCounts);
        if (array is null || array.Count != expected)
        {
            return $"event {Event} '{name}': {MlSemanticConventions.BaselineCounts} must have {expected} entries (one per bin, the last for values above the " +
                $"last bound or outside the categories), not {array?.Count ?? 0}";
        }

        foreach (var value in array)
        {
            long? number = value.ValueCase switch
            {
                AnyValue.ValueOneofCase.IntValue => value.IntValue,
                AnyValue.ValueOneofCase.DoubleValue when double.IsInteger(value.DoubleValue) && Math.Abs(value.DoubleValue) < 9e18 => (long)value.DoubleValue,
                _ => null,
            };
            if (number is not >= 0)
            {
                return $"event {Event} '{name}': {MlSemanticConventions.BaselineCounts} must be non-negative integers";
            }

            counts.Add(number.Value);
        }

        return counts.Sum() == 0 ? $"event {Event} '{name}': every count is 0; a baseline needs the data it was taken from" : null;
    }

    private static string Text(Dictionary<string, AnyValue> values, string key) =>
        values.TryGetValue(key, out var value) ? AttributeText.ToText(value) : string.Empty;

    private static RepeatedField<AnyValue>? Array(Dictionary<string, AnyValue> values, string key) =>
        values.TryGetValue(key, out var value) && value?.ValueCase == AnyValue.ValueOneofCase.ArrayValue ? value.ArrayValue.Values : null;
}
