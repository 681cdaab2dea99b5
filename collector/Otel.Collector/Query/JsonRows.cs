using System.Globalization;
using System.Text.Json;
using Otel.Collector.Time;

namespace Otel.Collector.Query;

/// <summary>Reads ClickHouse JSONEachRow output, where 64-bit integers may arrive quoted and NaN as null.</summary>
internal static class JsonRows
{
    public static IEnumerable<JsonElement> Parse(byte[] output)
    {
        var start = 0;
        while (start < output.Length)
        {
            var end = Array.IndexOf(output, (byte)'\n', start);
            if (end < 0)
            {
                end = output.Length;
            }

            if (end > start)
            {
                using var document = JsonDocument.Parse(output.AsMemory(start, end - start));
                yield return document.RootElement.Clone();
            }

            start = end + 1;
        }
    }

    public static string String(this JsonElement row, string column) =>
        row.TryGetProperty(column, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    public static long Int64(this JsonElement row, string column) => row.GetProperty(column) switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetInt64(),
        { ValueKind: JsonValueKind.String } s => long.Parse(s.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
        _ => 0,
    };

    public static long? NullableInt64(this JsonElement row, string column) =>
        row.TryGetProperty(column, out var value) && value.ValueKind != JsonValueKind.Null ? row.Int64(column) : null;

    /// <summary>A Float64; non-finite values arrive as null, or as ClickHouse's "inf", "-inf", "nan" with output_format_json_quote_denormals.</summary>
    public static double Double(this JsonElement row, string column) => row.GetProperty(column) switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetDouble(),
        { ValueKind: JsonValueKind.String } s => s.GetString() switch
        {
            "inf" or "+inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" or "-nan" or "+nan" => double.NaN,
            var text => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture),
        },
        _ => double.NaN,
    };

    /// <summary>A Nullable(Float64): null stays null (no value), unlike <see cref="Double"/>, which reads it as NaN.</summary>
    public static double? NullableDouble(this JsonElement row, string column) =>
        row.GetProperty(column).ValueKind == JsonValueKind.Null ? null : row.Double(column);

    public static DateTimeOffset Time(this JsonElement row, string column) => UnixTime.FromNanos(row.Int64(column));

    public static DateTimeOffset? NullableTime(this JsonElement row, string column) =>
        row.NullableInt64(column) is { } nanos ? UnixTime.FromNanos(nanos) : null;

    public static Dictionary<string, string> Map(this JsonElement row, string column)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (row.TryGetProperty(column, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                map[property.Name] = property.Value.GetString() ?? string.Empty;
            }
        }

        return map;
    }
}
