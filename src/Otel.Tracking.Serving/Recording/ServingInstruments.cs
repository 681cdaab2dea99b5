using System.Diagnostics.Metrics;

namespace Otel.Tracking.Serving;

/// <summary>
/// The instruments every recorder of the process shares, on the one <c>Otel.Tracking.Serving</c> meter. Process-wide,
/// like the SDK's own meter: a meter provider merges instruments of the same identity into one stream, and a recorder
/// disposing a shared one would end that stream for every other recorder.
/// </summary>
internal static class ServingInstruments
{
    public static readonly Meter Meter = new(new MeterOptions(ServingTelemetryNames.MeterName)
    {
        Version = ServingTelemetryNames.Version,
        TelemetrySchemaUrl = MlSemanticConventions.SchemaUrl,
    });

    public static readonly Counter<long> Dropped = Meter.CreateCounter<long>(
        ServingTelemetryNames.ValuesDropped, ServingTelemetryNames.ValueUnit, "Values the serving library did not record, by error.type.");

    public static readonly Counter<long> FeatureCategories = Meter.CreateCounter<long>(
        MlSemanticConventions.ServingFeatureCategory, ServingTelemetryNames.ValueUnit,
        "Values of a categorical input feature, by category (the baseline's top categories, else __other__).");

    public static readonly Counter<long> PredictionCategories = Meter.CreateCounter<long>(
        MlSemanticConventions.ServingPredictionCategory, ServingTelemetryNames.ValueUnit,
        "Values of a categorical model output, by category (the baseline's top categories, else __other__).");
}
