using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Otel.Tracking.Query;

namespace Otel.Cli.Client;

/// <summary>
/// Governance's writes through the collector's API (gates, approvals, promotions, deployments). An answer the command
/// judges itself (<c>acceptStatus</c>, such as a refused promotion's 422) comes back as JSON; any other error becomes a
/// <see cref="CliException"/> with the collector's message and the exit code that fits it.
/// </summary>
internal sealed class GovernanceApiClient(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = CommonOptions.WithOsUser(CommonOptions.WithApiKey(new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) }));

    /// <summary><c>api/models/{name}/…</c> with the name escaped whole.</summary>
    public static string ModelPath(string name, string rest) => "api/models/" + Uri.EscapeDataString(name) + "/" + rest;

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct, HttpStatusCode? acceptStatus = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: QueryJson.Options);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot reach the collector at {endpoint}: {ex.Message}. Start one with `otel-track serve`, or pass --endpoint / set OTEL_TRACK_ENDPOINT", ExitCodes.Unreachable, ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new CliException($"the collector at {endpoint} did not answer within {_http.Timeout.TotalSeconds:0} s", ExitCodes.Unreachable, ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsByteArrayAsync(ct);
            JsonElement json;
            try
            {
                json = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new CliException($"{endpoint} answered {(int)response.StatusCode} without JSON: is it an otel-track collector?", ExitCodes.Unreachable);
            }

            if (response.IsSuccessStatusCode || response.StatusCode == acceptStatus)
            {
                return json;
            }

            var message = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var error) ? error.GetString() : response.ReasonPhrase;
            throw new CliException(message ?? "request failed", response.StatusCode switch
            {
                HttpStatusCode.NotFound => ExitCodes.NotFound,
                HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => ExitCodes.Usage,
                _ => ExitCodes.Failure,
            });
        }
    }

    public void Dispose() => _http.Dispose();
}
