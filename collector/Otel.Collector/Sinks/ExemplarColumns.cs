using System.Text.Json;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Metrics.V1;
using Otel.Collector.Export;
using Otel.Collector.Redaction;

namespace Otel.Collector.Mapping;

/// <summary>The Exemplars Nested(...) columns shared by the metric tables.</summary>
internal static class ExemplarColumns
{
    public static void Write(Utf8JsonWriter json, RepeatedField<Exemplar> exemplars, SecretRedactor redactor)
    {
        json.WriteStartArray("Exemplars.FilteredAttributes");
        foreach (var e in exemplars)
        {
            json.WriteStartObject();
            foreach (var (key, value) in AttributeText.ToSortedMap(e.FilteredAttributes, redactor))
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
        foreach (var e in exemplars) { json.WriteFloatValue(e.ValueCase == Exemplar.ValueOneofCase.AsInt ? e.AsInt : e.AsDouble); }
        json.WriteEndArray();
        json.WriteStartArray("Exemplars.SpanId");
        foreach (var e in exemplars) { json.WriteStringValue(OtlpText.Hex(e.SpanId)); }
        json.WriteEndArray();
        json.WriteStartArray("Exemplars.TraceId");
        foreach (var e in exemplars) { json.WriteStringValue(OtlpText.Hex(e.TraceId)); }
        json.WriteEndArray();
    }
}
