namespace Otel.Collector.Model;

/// <summary>One log record as <c>otel_logs</c> stores it.</summary>
internal sealed class LogRecordRow
{
    public required OtelResource Resource { get; init; }
    public required OtelScope Scope { get; init; }
    public required ulong TimeUnixNano { get; init; }
    public required string TraceId { get; init; }
    public required string SpanId { get; init; }
    public required byte TraceFlags { get; init; }
    public required string SeverityText { get; init; }
    public required byte SeverityNumber { get; init; }

    /// <summary>The body as text; set again by redaction.</summary>
    public required string Body { get; set; }

    public required List<KeyValuePair<string, string>> Attributes { get; init; }
    public required string EventName { get; init; }
}
