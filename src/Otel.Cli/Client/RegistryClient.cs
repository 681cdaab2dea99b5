using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Otel.Tracking.Query;

namespace Otel.Cli.Client;

/// <summary>
/// The model registry's API (<c>/api/models/…</c>, docs/registry.md), reads and writes. A write answered 503 with
/// Retry-After (no collector holds the registry writer's lease yet, as just after a start) is retried for up to
/// <see cref="MaxRetryWait"/> in all. An answer the command judges itself (<c>acceptStatus</c>, such as a refused
/// promotion's 422) comes back as JSON; other refusals become a <see cref="CliException"/> with the API's message
/// and the exit code that fits it.
/// </summary>
internal sealed class RegistryClient(Uri endpoint) : IDisposable
{
    private static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(20);

    private readonly HttpClient _http = CommonOptions.WithOsUser(CommonOptions.WithApiKey(new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) }));

    /// <summary><c>api/models/{name}</c> plus <paramref name="rest"/>, the name escaped as one path segment.</summary>
    public static string ModelPath(string name, string rest = "") => "api/models/" + Uri.EscapeDataString(name) + rest;

    public Task<JsonElement> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    /// <summary>Sends <paramref name="body"/> as JSON and returns the JSON answer; other statuses than success and <paramref name="acceptStatus"/> throw.</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct, HttpStatusCode? acceptStatus = null)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: QueryJson.Options) };
            using var response = await SendOnceAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } delay && waited + delay <= MaxRetryWait)
            {
                await Task.Delay(delay, ct);
                waited += delay;
                continue;
            }

            var json = await ReadJsonAsync(response, ct);
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

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot reach the collector at {endpoint}: {ex.Message}. Start one with `otel-track serve`, or pass --endpoint / set OTEL_TRACK_ENDPOINT", ExitCodes.Unreachable, ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new CliException($"the collector at {endpoint} did not answer within {_http.Timeout.TotalSeconds:0} s", ExitCodes.Unreachable, ex);
        }
    }

    private async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct)).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new CliException($"{endpoint} answered {(int)response.StatusCode} without JSON: is it an otel-track collector?", ExitCodes.Unreachable);
        }
    }
}
