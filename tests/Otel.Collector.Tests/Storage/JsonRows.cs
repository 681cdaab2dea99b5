using System.Text;
using System.Text.Json;

namespace Otel.Collector.Tests.Storage;

/// <summary>Reads JSONEachRow output.</summary>
internal static class JsonRows
{
    public static IReadOnlyList<JsonElement> Parse(byte[] output) =>
        Encoding.UTF8.GetString(output)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();

    public static byte[] Encode(params object[] rows) =>
        Encoding.UTF8.GetBytes(string.Concat(rows.Select(row => JsonSerializer.Serialize(row) + "\n")));
}
