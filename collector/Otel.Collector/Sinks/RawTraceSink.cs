using System.Text.Json;
using Otel.Collector.Model;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Sinks;

/// <summary>Spans into <c>otel_traces</c>, the contrib ClickHouse exporter's columns.</summary>
internal sealed class RawTraceSink : IIngestSink
{
    public void Write(IngestBatch batch, RowBatch rows)
    {
        foreach (var span in batch.Spans)
        {
            WriteSpan(rows.For(StorageTable.OtelTraces), span);
        }
    }

    private static void WriteSpan(JsonEachRowWriter rows, SpanRow span)
    {
        var json = rows.BeginRow();
        json.WriteTime("Timestamp", span.StartTimeUnixNano);
        json.WriteString("TraceId", span.TraceId);
        json.WriteString("SpanId", span.SpanId);
        json.WriteString("ParentSpanId", span.ParentSpanId);
        json.WriteString("TraceState", span.TraceState);
        json.WriteString("SpanName", span.Name);
        json.WriteString("SpanKind", span.Kind);
        json.WriteString("ServiceName", span.Resource.ServiceName);
        json.WriteMap("ResourceAttributes", span.Resource.Attributes);
        json.WriteString("ScopeName", span.Scope.Name);
        json.WriteString("ScopeVersion", span.Scope.Version);
        json.WriteMap("SpanAttributes", span.Attributes);
        json.WriteNumber("Duration", span.EndTimeUnixNano > span.StartTimeUnixNano ? span.EndTimeUnixNano - span.StartTimeUnixNano : 0);
        json.WriteString("StatusCode", span.StatusCode);
        json.WriteString("StatusMessage", span.StatusMessage);

        json.WriteStartArray("Events.Timestamp");
        foreach (var e in span.Events) { json.WriteNumberValue(Math.Min(e.TimeUnixNano, (ulong)long.MaxValue)); }
        json.WriteEndArray();
        json.WriteStartArray("Events.Name");
        foreach (var e in span.Events) { json.WriteStringValue(e.Name); }
        json.WriteEndArray();
        json.WriteStartArray("Events.Attributes");
        foreach (var e in span.Events) { WriteMapValue(json, e.Attributes); }
        json.WriteEndArray();

        json.WriteStartArray("Links.TraceId");
        foreach (var l in span.Links) { json.WriteStringValue(l.TraceId); }
        json.WriteEndArray();
        json.WriteStartArray("Links.SpanId");
        foreach (var l in span.Links) { json.WriteStringValue(l.SpanId); }
        json.WriteEndArray();
        json.WriteStartArray("Links.TraceState");
        foreach (var l in span.Links) { json.WriteStringValue(l.TraceState); }
        json.WriteEndArray();
        json.WriteStartArray("Links.Attributes");
        foreach (var l in span.Links) { WriteMapValue(json, l.Attributes); }
        json.WriteEndArray();
        rows.EndRow();
    }

    private static void WriteMapValue(Utf8JsonWriter json, List<KeyValuePair<string, string>> map)
    {
        json.WriteStartObject();
        foreach (var (key, value) in map)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }
}
