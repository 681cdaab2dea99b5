using System.Globalization;
using System.Text;
using System.Text.Json;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Common.V1;

namespace Otel.Collector.Ingest.Decoding;

/// <summary>
/// Turns OTLP attribute values into the strings stored in Map(String, String) columns, as the
/// contrib ClickHouse exporter does: scalars as text, arrays and key-value lists as JSON.
/// </summary>
internal static class AttributeText
{
    public static string ToText(AnyValue? value) => value?.ValueCase switch
    {
        null or AnyValue.ValueOneofCase.None => string.Empty,
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => FormatDouble(value.DoubleValue),
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        _ => ToJson(value),
    };

    public static string FormatDouble(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Attributes as a key-sorted list (unsorted maps made distinct rows in the contrib exporter); the last
    /// duplicate key wins. Values are as sent: redaction is a processor's job.
    /// </summary>
    public static List<KeyValuePair<string, string>> ToSortedMap(RepeatedField<KeyValue> attributes, Func<string, bool>? include = null)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            if (include is null || include(attribute.Key))
            {
                map[attribute.Key] = ToText(attribute.Value);
            }
        }

        return [.. map];
    }

    private static string ToJson(AnyValue value)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            WriteJson(json, value, depth: 0);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteJson(Utf8JsonWriter json, AnyValue? value, int depth)
    {
        // Depth is bounded by the decoder; this guard keeps a hostile value from recursing without end.
        if (value is null || depth > 64)
        {
            json.WriteNullValue();
            return;
        }

        switch (value.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue: json.WriteStringValue(value.StringValue); break;
            case AnyValue.ValueOneofCase.BoolValue: json.WriteBooleanValue(value.BoolValue); break;
            case AnyValue.ValueOneofCase.IntValue: json.WriteNumberValue(value.IntValue); break;
            case AnyValue.ValueOneofCase.DoubleValue:
                if (double.IsFinite(value.DoubleValue)) { json.WriteNumberValue(value.DoubleValue); }
                else { json.WriteStringValue(FormatDouble(value.DoubleValue)); }
                break;
            case AnyValue.ValueOneofCase.BytesValue: json.WriteBase64StringValue(value.BytesValue.Span); break;
            case AnyValue.ValueOneofCase.ArrayValue:
                json.WriteStartArray();
                foreach (var item in value.ArrayValue.Values) { WriteJson(json, item, depth + 1); }
                json.WriteEndArray();
                break;
            case AnyValue.ValueOneofCase.KvlistValue:
                json.WriteStartObject();
                foreach (var item in value.KvlistValue.Values)
                {
                    json.WritePropertyName(item.Key);
                    WriteJson(json, item.Value, depth + 1);
                }

                json.WriteEndObject();
                break;
            default: json.WriteNullValue(); break;
        }
    }
}
