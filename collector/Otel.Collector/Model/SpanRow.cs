namespace Otel.Collector.Model;

/// <summary>One span as <c>otel_traces</c> stores it: ids as lowercase hex, kind and status as text, attributes as sorted text maps.</summary>
internal sealed class SpanRow
{
    public required OtelResource Resource { get; init; }
    public required OtelScope Scope { get; init; }
    public required ulong StartTimeUnixNano { get; init; }
    public required ulong EndTimeUnixNano { get; init; }
    public required string TraceId { get; init; }
    public required string SpanId { get; init; }
    public required string ParentSpanId { get; init; }
    public required string TraceState { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required List<KeyValuePair<string, string>> Attributes { get; init; }
    public required string StatusCode { get; init; }

    /// <summary>Set again by redaction.</summary>
    public required string StatusMessage { get; set; }

    public required IReadOnlyList<SpanEventRow> Events { get; init; }
    public required IReadOnlyList<SpanLinkRow> Links { get; init; }
}

/// <summary>
/// An event of a span. The arrays of a batched <c>ml.metrics</c> event are not among its attributes: they become
/// metric history, and the event keeps their count (<c>ml.metric.count</c>) instead of a second copy of every point.
/// </summary>
internal readonly record struct SpanEventRow(ulong TimeUnixNano, string Name, List<KeyValuePair<string, string>> Attributes);

/// <summary>A link of a span.</summary>
internal readonly record struct SpanLinkRow(string TraceId, string SpanId, string TraceState, List<KeyValuePair<string, string>> Attributes);
