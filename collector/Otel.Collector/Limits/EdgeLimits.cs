using System.Globalization;
using Otel.Collector.Ingest.Decoding;

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
    public const int DefaultMaxSpansPerRequest = 100_000;
    public const int DefaultMaxLogRecordsPerRequest = 100_000;
    public const int DefaultMaxAttributesPerRequest = 1_000_000;
    public const int DefaultMaxDecodedItemsPerRequest = 4_000_000;

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

    /// <summary>
    /// Most spans in one traces export request, counted on the encoded bytes before anything is
    /// decoded; a larger request is refused whole (HTTP 413 / gRPC RESOURCE_EXHAUSTED). Default
    /// 100,000: the OpenTelemetry SDKs send batches of 512.
    /// </summary>
    public int MaxSpansPerRequest { get; set; } = DefaultMaxSpansPerRequest;

    /// <summary>Most log records in one logs export request, counted before decoding like <see cref="MaxSpansPerRequest"/>. Default 100,000.</summary>
    public int MaxLogRecordsPerRequest { get; set; } = DefaultMaxLogRecordsPerRequest;

    /// <summary>
    /// Most attributes (key-value pairs at every level: resources, scopes, spans, events, links,
    /// log records, data points, exemplars, and the entries of key-value list values) in one
    /// request, counted before decoding; a larger request is refused whole. Default 1,000,000.
    /// </summary>
    public int MaxAttributesPerRequest { get; set; } = DefaultMaxAttributesPerRequest;

    /// <summary>
    /// Most items the decoder would build for one request: every message (resources, scopes, spans,
    /// events, links, attributes, values, metrics, data points, exemplars, log records…) and every
    /// element of a repeated string field, counted before decoding; a larger request is refused whole.
    /// It bounds the memory a small request can expand into (an empty span is 2 bytes on the wire and
    /// some 250 bytes decoded). Default 4,000,000: the SDK's largest requests (64 spans of 10,000
    /// batched metric points) carry about 2.6 million.
    /// </summary>
    public int MaxDecodedItemsPerRequest { get; set; } = DefaultMaxDecodedItemsPerRequest;

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
        target.MaxSpansPerRequest = MaxSpansPerRequest;
        target.MaxLogRecordsPerRequest = MaxLogRecordsPerRequest;
        target.MaxAttributesPerRequest = MaxAttributesPerRequest;
        target.MaxDecodedItemsPerRequest = MaxDecodedItemsPerRequest;
    }

    /// <summary>Adds one message per invalid limit, each naming the option (with <paramref name="prefix"/>) and its range.</summary>
    public void Validate(string prefix, List<string> failures) => Validate(name => prefix + name, failures);

    /// <summary>Adds one message per invalid limit, each naming the setting as <paramref name="display"/> spells a property name (an option or a flag).</summary>
    public void Validate(Func<string, string> display, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(display);
        ArgumentNullException.ThrowIfNull(failures);
        Range(failures, display, nameof(MaxAttributeCount), MaxAttributeCount, 1, int.MaxValue);
        Range(failures, display, nameof(MaxAttributeKeyBytes), MaxAttributeKeyBytes, 1, int.MaxValue);
        Range(failures, display, nameof(MaxAttributeValueBytes), MaxAttributeValueBytes, 1, int.MaxValue);
        Range(failures, display, nameof(MaxArrayLength), MaxArrayLength, 1, int.MaxValue);
        Range(failures, display, nameof(MaxValueDepth), MaxValueDepth, 1, LargestMaxValueDepth);
        Range(failures, display, nameof(MaxEventsPerSpan), MaxEventsPerSpan, 1, int.MaxValue);
        Range(failures, display, nameof(MaxLinksPerSpan), MaxLinksPerSpan, 1, int.MaxValue);
        Range(failures, display, nameof(MaxParamsPerRun), MaxParamsPerRun, 1, Math.Max(1, MaxAttributeCount), display(nameof(MaxAttributeCount)));
        Range(failures, display, nameof(MaxDataPointsPerRequest), MaxDataPointsPerRequest, 1, int.MaxValue);
        Range(failures, display, nameof(MaxSpansPerRequest), MaxSpansPerRequest, 1, int.MaxValue);
        Range(failures, display, nameof(MaxLogRecordsPerRequest), MaxLogRecordsPerRequest, 1, int.MaxValue);
        Range(failures, display, nameof(MaxAttributesPerRequest), MaxAttributesPerRequest, 1, int.MaxValue);
        Range(failures, display, nameof(MaxDecodedItemsPerRequest), MaxDecodedItemsPerRequest, 1, int.MaxValue);
    }

    private static void Range(List<string> failures, Func<string, string> display, string name, int value, int min, int max, string? maxName = null)
    {
        if (value < min || value > max)
        {
            var upper = maxName is null ? max.ToString(CultureInfo.InvariantCulture) : $"{maxName} ({max.ToString(CultureInfo.InvariantCulture)})";
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{display(name)} must be between {min} and {upper}; it is {value}."));
        }
    }

    /// <summary>The <c>ml.metrics</c> arrays that decoding reads straight into columns: those these limits let through.</summary>
    public MetricArrayBounds MetricArrays => new(MaxArrayLength, MaxAttributeValueBytes);
}
