using System.Diagnostics.Metrics;

namespace Otel.Tracking.Serving;

/// <summary>
/// A numeric feature or output: a histogram whose bucket bounds are the baseline's, advised to the SDK through
/// <see cref="InstrumentAdvice{T}"/> (honoured by OpenTelemetry .NET since 1.10). Advice is per instrument and each
/// distribution has its own bounds, so each histogram comes from a meter of its own: one stream per distribution.
/// </summary>
internal sealed class NumericDistribution : ServingDistribution, IDisposable
{
    private readonly Meter _meter;
    private readonly Histogram<double> _histogram;
    private readonly KeyValuePair<string, object?> _nameTag;

    public NumericDistribution(string name, string kind, IReadOnlyList<double> bounds)
        : base(name, kind)
    {
        var feature = kind == MlSemanticConventions.BaselineKinds.Feature;
        _meter = new Meter(new MeterOptions(ServingTelemetryNames.HistogramMeterPrefix + kind + "." + name)
        {
            Version = ServingTelemetryNames.Version,
            TelemetrySchemaUrl = MlSemanticConventions.SchemaUrl,
        });
        _histogram = _meter.CreateHistogram(
            feature ? MlSemanticConventions.ServingFeature : MlSemanticConventions.ServingPrediction,
            unit: null,
            description: feature ? "Values of a numeric input feature, binned by its training baseline." : "Values of a numeric model output, binned by its training baseline.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = bounds });
        _nameTag = new(feature ? MlSemanticConventions.FeatureName : MlSemanticConventions.PredictionName, name);
    }

    public override DropReason Record(double value)
    {
        if (!double.IsFinite(value))
        {
            return DropReason.NonFinite;
        }

        _histogram.Record(value, _nameTag);
        return DropReason.None;
    }

    public override DropReason Record(string? category) => DropReason.WrongType;

    public override DropReason Record(ReadOnlySpan<char> category) => DropReason.WrongType;

    public void Dispose() => _meter.Dispose();
}
