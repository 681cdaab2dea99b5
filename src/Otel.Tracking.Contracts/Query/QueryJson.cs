using System.Text.Json;
using System.Text.Json.Serialization;

namespace Otel.Tracking.Query;

/// <summary>The JSON of the query API, for the server that writes it and the clients that read it.</summary>
public static class QueryJson
{
    /// <summary>NaN and infinities (legal metric values) are written as strings. Read-only: it is shared.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
