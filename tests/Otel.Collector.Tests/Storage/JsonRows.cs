using System.Text;
using System.Text.Json;

namespace Otel.Collector.Tests.Storage;

/// <summary>Reads JSONEachRow output, with the collector's own reader.</summary>
internal static class JsonRows
{
    public static IReadOnlyList<JsonElement> Parse(byte[] output) => Query.JsonRows.Parse(output).ToList();

    public static byte[] Encode(params object[] rows) =>
        Encoding.UTF8.GetBytes(string.Concat(rows.Select(row => JsonSerializer.Serialize(row) + "\n")));
}
