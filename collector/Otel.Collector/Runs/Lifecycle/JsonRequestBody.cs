using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Otel.Tracking.Query;

namespace Otel.Collector.Runs.Lifecycle;

/// <summary>Reads a JSON request body into a contract record, with a message that names the expected shape when it cannot.</summary>
internal static class JsonRequestBody
{
    /// <summary>The body, or the 400 message to answer with (naming <paramref name="example"/>).</summary>
    public static async Task<(T? Body, string? Error)> ReadAsync<T>(HttpRequest request, string example, CancellationToken ct)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, QueryJson.Options, ct);
            return body is null ? (null, $"the request needs a JSON body such as {example}") : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, $"the request body is not valid JSON of the form {example}: {ex.Message}");
        }
    }
}
