using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Otel.Tracking.Query;

namespace Otel.Collector.Query;

/// <summary>
/// Reads a JSON request body into a contract record for every route that takes one (runs, retention, the registry),
/// whatever its Content-Type says, with a message that says what was expected when it cannot.
/// </summary>
internal static class JsonRequestBody
{
    /// <summary>The body, or the 400 message to answer with; <paramref name="expected"/> completes "a JSON body …" (an example, or where the shape is documented).</summary>
    public static async Task<(T? Body, string? Error)> ReadAsync<T>(HttpRequest request, string expected, CancellationToken ct)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, QueryJson.Options, ct);
            return body is null ? (null, $"the request needs a JSON body {expected}") : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, $"the request body is not a JSON body {expected}: {ex.Message}");
        }
    }
}
