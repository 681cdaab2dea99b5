using Microsoft.Extensions.Logging;

namespace Otel.Tracking.Serving;

/// <summary>The serving library's log lines, each with a stable event id. Problems with values are logged once per name and reason.</summary>
internal static partial class ServingLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Serving {Model} version {Version} (run {RunId}, from {Uri}): recording {Count} features and outputs against its training baseline")]
    public static partial void Serving(ILogger logger, string model, long version, string runId, string uri, int count);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "{Model} version {Version} has no training baseline, so no feature or output is recorded (drift cannot be computed); its run must log one before registration")]
    public static partial void NoBaseline(ILogger logger, string model, long version);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "The baseline's {Kind} '{Name}' is not recorded: {Problem}")]
    public static partial void UnusableDistribution(ILogger logger, string kind, string name, string problem);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "The baseline of {Model} version {Version} has no {Kind} '{Name}': values recorded for it are counted and dropped. Known: {Known}")]
    public static partial void UnknownName(ILogger logger, string model, long version, string kind, string name, string known);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "A value of {Kind} '{Name}' was dropped ({Reason}); further drops of this kind are only counted on ml.sdk.serving.values.dropped")]
    public static partial void Dropped(ILogger logger, string kind, string name, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "Values were recorded through a slot that names nothing in the baseline (an unknown name, or default(ServingSlot)); such values are only counted on ml.sdk.serving.values.dropped from now on")]
    public static partial void UnknownSlot(ILogger logger);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning,
        Message = "Record(slots, values) was given {Slots} slots and {Values} values: pairs are recorded, the rest dropped; further mismatches are only counted on ml.sdk.serving.values.dropped")]
    public static partial void MissingValues(ILogger logger, int slots, int values);
}
