using System.Text.Json;

namespace Otel.Collector.Sinks.Rows;

/// <summary>Column encodings shared by the sinks.</summary>
internal static class JsonRowExtensions
{
    /// <summary>A DateTime64 column as integer unix nanoseconds (see <see cref="JsonEachRowWriter"/>).</summary>
    public static void WriteTime(this Utf8JsonWriter json, string column, ulong unixNanos) =>
        json.WriteNumber(column, Math.Min(unixNanos, (ulong)long.MaxValue));

    /// <summary>A Map(String, String) column.</summary>
    public static void WriteMap(this Utf8JsonWriter json, string column, IReadOnlyList<KeyValuePair<string, string>> map)
    {
        json.WriteStartObject(column);
        foreach (var (key, value) in map)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }

    /// <summary>A Float64 column; NaN and infinities have no JSON number, so they go as ClickHouse's text forms.</summary>
    public static void WriteFloat(this Utf8JsonWriter json, string column, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(column, value);
        }
        else
        {
            json.WriteString(column, double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf");
        }
    }

    public static void WriteFloatValue(this Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf");
        }
    }
}
