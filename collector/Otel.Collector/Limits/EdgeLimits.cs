using System.Globalization;

namespace Otel.Collector.Limits;

/// <summary>
/// Limits on what one export request may carry, enforced by the receivers after decoding and
/// before anything reaches ingest (docs/limits.md). An item over a limit (a span, a data point,
/// a log record) is rejected through OTLP partial success with a message naming the limit; a
/// request over <see cref="MaxDataPointsPerRequest"/> is refused whole (HTTP 413 / gRPC
/// RESOURCE_EXHAUSTED). The defaults are far above what the SDK of this repository and the
/// OpenTelemetry SDKs send by default, so that only pathological data is refused.
/// </summary>
internal sealed class EdgeLimits
{
    public const int DefaultMaxAttributeCount = 2048;
    public const int DefaultMaxAttributeKeyBytes = 512;
    public const int DefaultMaxAttributeValueBytes = 1024 * 1024;
    public const int DefaultMaxArrayLength = 100_000;
    public const int DefaultMaxValueDepth = 16;
    public const int DefaultMaxEventsPerSpan = 1024;
    public const int DefaultMaxLinksPerSpan = 1024;
    public const int DefaultMaxParamsPerRun = 1000;
    public const int DefaultMaxDataPointsPerRequest = 100_000;

    /// <summary>Deepest nesting the options accept: the protobuf decoder refuses deeper values anyway (recursion limit 100).</summary>
    public const int LargestMaxValueDepth = 32;

    /// <summary>
    /// Most attributes in one attribute list: a span's, an event's, a link's, a resource's, a
    /// scope's, a log record's, a data point's. Default 2,048: sixteen times the OpenTelemetry SDK
    /// default of 128, so that run spans with many <c>ml.param.*</c> attributes (bounded on their
    /// own by <see cref="MaxParamsPerRun"/>) fit.
    /// </summary>
    public int MaxAttributeCount { get; set; } = DefaultMaxAttributeCount;

    /// <summary>
    /// Longest attribute key, in UTF-8 bytes. Default 512: an MLflow-sized key of 250 characters
    /// still fits behind the <c>ml.param.</c> or <c>ml.tag.</c> prefix.
    /// </summary>
    public int MaxAttributeKeyBytes { get; set; } = DefaultMaxAttributeKeyBytes;

    /// <summary>
    /// Longest string or bytes value, in bytes (UTF-8 for strings): an attribute value, each
    /// element of an array or key-value list, a log body. Default 1 MiB: the SDK sends unbounded
    /// values such as <c>ml.dataset.schema</c> of a wide table and <c>process.command_line</c>.
    /// </summary>
    public int MaxAttributeValueBytes { get; set; } = DefaultMaxAttributeValueBytes;

    /// <summary>
    /// Most elements in one array value or entries in one key-value list value, and most buckets,
    /// bounds or quantiles in one histogram or summary point. Default 100,000: ten times the SDK's
    /// default <c>MaxPointsPerEvent</c> (10,000 points in the parallel arrays of an <c>ml.metrics</c> event).
    /// </summary>
    public int MaxArrayLength { get; set; } = DefaultMaxArrayLength;

    /// <summary>
    /// Deepest nesting of array and key-value list values: a flat array is depth 1, an array of
    /// arrays depth 2. Default 16, range 1 to 32.
    /// </summary>
    public int MaxValueDepth { get; set; } = DefaultMaxValueDepth;

    /// <summary>Most events on one span. Default 1,024 (the OpenTelemetry SDKs keep 128 by default).</summary>
    public int MaxEventsPerSpan { get; set; } = DefaultMaxEventsPerSpan;

    /// <summary>Most links on one span. Default 1,024 (the OpenTelemetry SDKs keep 128 by default).</summary>
    public int MaxLinksPerSpan { get; set; } = DefaultMaxLinksPerSpan;

    /// <summary>
    /// Most <c>ml.param.*</c> attributes on one span (the run's <c>ml.run.start</c> and <c>ml.run</c>
    /// spans carry all its params). Default 1,000. At most <see cref="MaxAttributeCount"/>.
    /// </summary>
    public int MaxParamsPerRun { get; set; } = DefaultMaxParamsPerRun;

    /// <summary>
    /// Most metric data points (of every kind) in one metrics export request; a larger request is
    /// refused whole with HTTP 413 / gRPC RESOURCE_EXHAUSTED. Default 100,000.
    /// </summary>
    public int MaxDataPointsPerRequest { get; set; } = DefaultMaxDataPointsPerRequest;

    /// <summary>Copies every limit onto <paramref name="target"/> (the host copies its options into the receivers').</summary>
    public void CopyTo(EdgeLimits target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.MaxAttributeCount = MaxAttributeCount;
        target.MaxAttributeKeyBytes = MaxAttributeKeyBytes;
        target.MaxAttributeValueBytes = MaxAttributeValueBytes;
        target.MaxArrayLength = MaxArrayLength;
        target.MaxValueDepth = MaxValueDepth;
        target.MaxEventsPerSpan = MaxEventsPerSpan;
        target.MaxLinksPerSpan = MaxLinksPerSpan;
        target.MaxParamsPerRun = MaxParamsPerRun;
        target.MaxDataPointsPerRequest = MaxDataPointsPerRequest;
    }

    /// <summary>Adds one message per invalid limit, each naming the option (with <paramref name="prefix"/>) and its range.</summary>
    public void Validate(string prefix, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        Range(failures, prefix, nameof(MaxAttributeCount), MaxAttributeCount, 1, int.MaxValue);
        Range(failures, prefix, nameof(MaxAttributeKeyBytes), MaxAttributeKeyBytes, 1, int.MaxValue);
        Range(failures, prefix, nameof(MaxAttributeValueBytes), MaxAttributeValueBytes, 1, int.MaxValue);
        Range(failures, prefix, nameof(MaxArrayLength), MaxArrayLength, 1, int.MaxValue);
        Range(failures, prefix, nameof(MaxValueDepth), MaxValueDepth, 1, LargestMaxValueDepth);
        Range(failures, prefix, nameof(MaxEventsPerSpan), MaxEventsPerSpan, 1, int.MaxValue);
        Range(failures, prefix, nameof(MaxLinksPerSpan), MaxLinksPerSpan, 1, int.MaxValue);
        Range(failures, prefix, nameof(MaxParamsPerRun), MaxParamsPerRun, 1, Math.Max(1, MaxAttributeCount), $"{prefix}{nameof(MaxAttributeCount)}");
        Range(failures, prefix, nameof(MaxDataPointsPerRequest), MaxDataPointsPerRequest, 1, int.MaxValue);
    }

    private static void Range(List<string> failures, string prefix, string name, int value, int min, int max, string? maxName = null)
    {
        if (value < min || value > max)
        {
            var upper = maxName is null ? max.ToString(CultureInfo.InvariantCulture) : $"{maxName} ({max.ToString(CultureInfo.InvariantCulture)})";
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}{name} must be between {min} and {upper}; it is {value}."));
        }
    }
}
