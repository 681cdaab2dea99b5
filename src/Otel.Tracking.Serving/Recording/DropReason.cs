namespace Otel.Tracking.Serving;

/// <summary>Why a value was not recorded (counted on <c>ml.sdk.serving.values.dropped</c> and logged once per name).</summary>
internal enum DropReason
{
    /// <summary>Recorded.</summary>
    None,

    /// <summary>A slot whose name the baseline does not have (or a default slot).</summary>
    UnknownName,

    /// <summary>NaN or an infinity.</summary>
    NonFinite,

    /// <summary>A category for a numeric distribution, or a null category.</summary>
    WrongType,

    /// <summary>More slots than values, or more values than slots, in one call.</summary>
    MissingValue,
}
