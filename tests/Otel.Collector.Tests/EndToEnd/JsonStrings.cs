using System.Text.Json;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>Every string anywhere in a JSON answer, to find an id without depending on the answer's shape.</summary>
internal static class JsonStrings
{
    public static IEnumerable<string> In(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(In),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => In(p.Value)),
        _ => [],
    };
}
