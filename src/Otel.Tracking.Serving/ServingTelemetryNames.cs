namespace Otel.Tracking.Serving;

/// <summary>
/// Names of the serving library's meters and of its own counter (docs/serving.md). The instruments it records into are
/// wire contract, in <see cref="MlSemanticConventions"/>.
/// </summary>
internal static class ServingTelemetryNames
{
    /// <summary>The meter of the category counters and of the library's own counter.</summary>
    public const string MeterName = "Otel.Tracking.Serving";

    /// <summary>
    /// Each numeric feature or output has its own bucket bounds, so its histogram comes from a meter of its own,
    /// <c>Otel.Tracking.Serving.feature.NAME</c> or <c>Otel.Tracking.Serving.prediction.NAME</c>: one stream each.
    /// </summary>
    public const string HistogramMeterPrefix = MeterName + ".";

    /// <summary>What <c>AddMeter</c> needs to listen to all of them.</summary>
    public static readonly string[] MeterNames = [MeterName, HistogramMeterPrefix + "*"];

    public const string Version = "1.0.0";

    /// <summary>Values the library refused to record; not <c>ml.serving.*</c>, which production queries read as data.</summary>
    public const string ValuesDropped = "ml.sdk.serving.values.dropped";

    public const string ValueUnit = "{value}";

    /// <summary>Why a value was dropped, on <see cref="ValuesDropped"/> (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorType = "error.type";

    /// <summary>The <see cref="ErrorType"/> value of each <see cref="DropReason"/>.</summary>
    public static string ErrorTypeOf(DropReason reason) => reason switch
    {
        DropReason.UnknownName => "unknown_name",
        DropReason.NonFinite => "non_finite",
        DropReason.WrongType => "wrong_type",
        DropReason.MissingValue => "missing_value",
        _ => "none",
    };
}
