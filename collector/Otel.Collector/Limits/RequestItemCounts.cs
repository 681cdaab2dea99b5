using System.Globalization;

namespace Otel.Collector.Limits;

/// <summary>
/// What an encoded export request would decode into, counted on its bytes before any object is
/// built (<see cref="OtlpProtobufItemCounter"/>, <see cref="OtlpJsonItemCounter"/>), and the
/// refusal of a request over the per-request limits: HTTP 413 / gRPC RESOURCE_EXHAUSTED.
/// </summary>
internal sealed class RequestItemCounts
{
    public long Spans { get; set; }

    public long DataPoints { get; set; }

    public long LogRecords { get; set; }

    public long Attributes { get; set; }

    /// <summary>Every message and every element of a repeated string field.</summary>
    public long Items { get; set; }

    /// <summary>Counts one decoded message of <paramref name="message"/>'s kind.</summary>
    public void Add(OtlpMessage message)
    {
        Items++;
        switch (message)
        {
            case OtlpMessage.Span:
                Spans++;
                break;
            case OtlpMessage.LogRecord:
                LogRecords++;
                break;
            case OtlpMessage.KeyValue:
                Attributes++;
                break;
            case OtlpMessage.NumberDataPoint or OtlpMessage.HistogramDataPoint or OtlpMessage.ExponentialHistogramDataPoint or OtlpMessage.SummaryDataPoint:
                DataPoints++;
                break;
        }
    }

    /// <summary>Why the request is refused whole, naming the first limit it is over; null when within every limit.</summary>
    public string? Refusal(EdgeLimits limits, OtlpSignal signal)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (signal == OtlpSignal.Traces && Spans > limits.MaxSpansPerRequest)
        {
            return Over(Spans, "spans", nameof(EdgeLimits.MaxSpansPerRequest), limits.MaxSpansPerRequest, "export fewer spans per request (a smaller batch size)");
        }

        if (signal == OtlpSignal.Metrics && DataPoints > limits.MaxDataPointsPerRequest)
        {
            return DataPointsOver(DataPoints, limits.MaxDataPointsPerRequest);
        }

        if (signal == OtlpSignal.Logs && LogRecords > limits.MaxLogRecordsPerRequest)
        {
            return Over(LogRecords, "log records", nameof(EdgeLimits.MaxLogRecordsPerRequest), limits.MaxLogRecordsPerRequest, "export fewer log records per request (a smaller batch size)");
        }

        if (Attributes > limits.MaxAttributesPerRequest)
        {
            return Over(Attributes, "attributes", nameof(EdgeLimits.MaxAttributesPerRequest), limits.MaxAttributesPerRequest, "send fewer attributes, or fewer items per request");
        }

        return Items > limits.MaxDecodedItemsPerRequest
            ? Over(Items, "decoded items (spans, events, links, attributes, values, metrics, data points, log records…)", nameof(EdgeLimits.MaxDecodedItemsPerRequest), limits.MaxDecodedItemsPerRequest, "send fewer items per request")
            : null;
    }

    /// <summary>The refusal of a metrics request over <see cref="EdgeLimits.MaxDataPointsPerRequest"/>.</summary>
    public static string DataPointsOver(long points, int limit) =>
        Over(points, "metric data points", nameof(EdgeLimits.MaxDataPointsPerRequest), limit, "export fewer points per request (fewer attribute sets per instrument, or more frequent exports)");

    private static string Over(long count, string what, string limitName, int limit, string fix) => string.Create(
        CultureInfo.InvariantCulture,
        $"The request carries {count} {what}, over the collector's limit {limitName} = {limit}: {fix}. See {EdgeVerdict.DocsReference}.");
}
