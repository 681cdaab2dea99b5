using System.Net;
using System.Text.Json;
using Otel.Tracking.Query;

namespace Otel.Cli.Client;

/// <summary>
/// The collector's API, reads and changes: runs, audit, the model registry (the only way to the embedded store from
/// another process).
/// </summary>
internal sealed class TrackingApiClient(Uri endpoint) : IDisposable
{
    private static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(20);

    private readonly HttpClient _http = CommonOptions.WithOsUser(CommonOptions.WithApiKey(new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) }));

    public Uri Endpoint => endpoint;

    public Task<JsonElement> GetRunsJsonAsync(string? experiment, int? limit, CancellationToken ct, bool allAttempts = false, string? dataset = null, string? state = null, bool cost = false,
        string? filter = null, IReadOnlyList<string>? orderBy = null)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(filter)) { query.Add("filter=" + Uri.EscapeDataString(filter)); }
        query.AddRange((orderBy ?? []).Select(o => "orderBy=" + Uri.EscapeDataString(o)));
        if (cost) { query.Add("cost=true"); }
        if (!string.IsNullOrEmpty(state)) { query.Add("state=" + Uri.EscapeDataString(state)); }
        if (allAttempts) { query.Add("allAttempts=true"); }
        if (!string.IsNullOrEmpty(dataset)) { query.Add("dataset=" + Uri.EscapeDataString(dataset)); }
        if (!string.IsNullOrEmpty(experiment)) { query.Add("experiment=" + Uri.EscapeDataString(experiment)); }
        if (limit is not null) { query.Add("limit=" + limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); }
        return GetJsonAsync("api/runs" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty), ct);
    }

    public Task<JsonElement> GetRunJsonAsync(string id, CancellationToken ct) =>
        GetJsonAsync(ApiPaths.Run(id), ct);

    public Task<JsonElement> CompareJsonAsync(IEnumerable<string> ids, CancellationToken ct) =>
        GetJsonAsync("api/runs/compare?" + string.Join('&', ids.Select(id => "id=" + Uri.EscapeDataString(id))), ct);

    public Task<JsonElement> DiffJsonAsync(string a, string b, bool all, CancellationToken ct) =>
        GetJsonAsync($"api/runs/diff?a={Uri.EscapeDataString(a)}&b={Uri.EscapeDataString(b)}{(all ? "&all=true" : string.Empty)}", ct);

    public Task<JsonElement> LineageJsonAsync(string key, CancellationToken ct) =>
        GetJsonAsync(ApiPaths.Lineage(key), ct);

    public Task<JsonElement> StatsJsonAsync(string? experiment, double? tolerance, CancellationToken ct)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(experiment)) { query.Add("experiment=" + Uri.EscapeDataString(experiment)); }
        if (tolerance is not null) { query.Add("tolerance=" + tolerance.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)); }
        return GetJsonAsync("api/stats" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty), ct);
    }

    public Task<JsonElement> WhoAmIJsonAsync(CancellationToken ct) => GetJsonAsync("api/whoami", ct);

    public Task<JsonElement> AuditHeadJsonAsync(CancellationToken ct) => GetJsonAsync("api/audit/head", ct);

    public Task<JsonElement> AuditVerifyJsonAsync(string? anchor, CancellationToken ct) =>
        GetJsonAsync("api/audit/verify" + (anchor is null ? string.Empty : "?anchor=" + Uri.EscapeDataString(anchor)), ct);

    public Task<JsonElement> AuditEntriesJsonAsync(IReadOnlyDictionary<string, string?> filters, CancellationToken ct)
    {
        var query = filters.Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value!)).ToList();
        return GetJsonAsync("api/audit/entries" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty), ct);
    }

    /// <summary>
    /// Sends <paramref name="body"/> (as JSON, when given) and returns the answer's JSON. An answer the command judges
    /// itself (<paramref name="acceptStatus"/>, such as a refused promotion's 422) comes back as JSON too.
    /// </summary>
    public Task<JsonElement> SendJsonAsync(HttpMethod method, string path, object? body, CancellationToken ct, HttpStatusCode? acceptStatus = null) =>
        SendAsync(() => new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body, body.GetType(), options: QueryJson.Options),
        }, acceptStatus, ct);

    public Task<JsonElement> GetJsonAsync(string path, CancellationToken ct) => SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), null, ct);

    public static T Read<T>(JsonElement json) => json.Deserialize<T>(QueryJson.Options)
        ?? throw new CliException("the collector answered with an empty document");

    /// <summary>
    /// One request, and the answer's JSON. A 503 with Retry-After (a collector that cannot take the call yet, as one
    /// that does not hold the registry writer's lease just after a start) is waited out for up to
    /// <see cref="MaxRetryWait"/> in all; any other error becomes a <see cref="CliException"/> with the collector's
    /// message and the exit code that fits it.
    /// </summary>
    private async Task<JsonElement> SendAsync(Func<HttpRequestMessage> request, HttpStatusCode? acceptStatus, CancellationToken ct)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            using var response = await SendOnceAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } delay && waited + delay <= MaxRetryWait)
            {
                await Task.Delay(delay, ct);
                waited += delay;
                continue;
            }

            var body = await response.Content.ReadAsByteArrayAsync(ct);
            JsonElement json;
            try
            {
                json = JsonDocument.Parse(body).RootElement.Clone();
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

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> request, CancellationToken ct)
    {
        try
        {
            using var message = request();
            return await _http.SendAsync(message, ct);
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

    public void Dispose() => _http.Dispose();
}
