using System.Text.Json;
using Otel.Collector.Model;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Sinks;

/// <summary>The Exemplars Nested(...) columns shared by the metric tables.</summary>
internal static class ExemplarColumns
{
    public static void Write(Utf8JsonWriter json, IReadOnlyList<ExemplarRow> exemplars)
    {
        json.WriteStartArray("Exemplars.FilteredAttributes");
        foreach (var e in exemplars)
        {
            json.WriteStartObject();
            foreach (var (key, value) in e.FilteredAttributes)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("Exemplars.TimeUnix");
        foreach (var e in exemplars) { json.WriteNumberValue(Math.Min(e.TimeUnixNano, (ulong)long.MaxValue)); }
        json.WriteEndArray();
        json.WriteStartArray("Exemplars.Value");
        foreach (var e in exemplars) { json.WriteFloatValue(e.Value); }
        json.WriteEndArray();
        json.WriteStartArray("Exemplars.SpanId");
        foreach (var e in exemplars) { json.WriteStringValue(e.SpanId); }
        json.WriteEndArray();
        json.WriteStartArray("Exemplars.TraceId");
        foreach (var e in exemplars) { json.WriteStringValue(e.TraceId); }
        json.WriteEndArray();
    }
}
