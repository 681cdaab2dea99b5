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

    /// <summary>
    /// <c>GET /api/runs</c>. <paramref name="matching"/>, when given, learns how many runs matched before the limit (the
    /// answer's <see cref="ApiHeaders.TotalCount"/>), so a caller can say that the list was cut.
    /// </summary>
    public Task<JsonElement> GetRunsJsonAsync(string? experiment, int? limit, CancellationToken ct, bool allAttempts = false, string? dataset = null, string? state = null, bool cost = false,
        string? filter = null, IReadOnlyList<string>? orderBy = null, Action<long>? matching = null)
    {
        CheckLength("--filter", filter, "a filter");
        foreach (var field in orderBy ?? [])
        {
            CheckLength("--order-by", field, "an order-by field");
        }

        var query = new List<string>();
        if (!string.IsNullOrEmpty(filter)) { query.Add("filter=" + Uri.EscapeDataString(filter)); }
        query.AddRange((orderBy ?? []).Select(o => "orderBy=" + Uri.EscapeDataString(o)));
        if (cost) { query.Add("cost=true"); }
        if (!string.IsNullOrEmpty(state)) { query.Add("state=" + Uri.EscapeDataString(state)); }
        if (allAttempts) { query.Add("allAttempts=true"); }
        if (!string.IsNullOrEmpty(dataset)) { query.Add("dataset=" + Uri.EscapeDataString(dataset)); }
        if (!string.IsNullOrEmpty(experiment)) { query.Add("experiment=" + Uri.EscapeDataString(experiment)); }
        if (limit is not null) { query.Add("limit=" + limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); }
        return GetJsonAsync("api/runs" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty), ct, matching);
    }

    /// <summary>The collector's own limit, checked before sending so that a long filter is a usage error, not a 414.</summary>
    private static void CheckLength(string flag, string? text, string what)
    {
        if (text is { Length: > RunFilterLimits.MaxLength })
        {
            throw new CliException($"{flag}: {text.Length} characters is more than the {RunFilterLimits.MaxLength} {what} may have; shorten it (docs/cli.md, Finding runs)", ExitCodes.Usage);
        }
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
        }, status => status == acceptStatus, ct);

    /// <summary>A GET's JSON; <paramref name="total"/>, when given, learns the answer's <see cref="ApiHeaders.TotalCount"/> if it has one.</summary>
    public Task<JsonElement> GetJsonAsync(string path, CancellationToken ct, Action<long>? total = null) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), _ => false, ct, total);

    /// <summary>
    /// The run id that <paramref name="idOrPrefix"/> names: an exact run id of any length, or the one run id it is a prefix of
    /// (6 characters at least). Deleted and archived runs count. Ambiguous: exit 2 listing the candidates; none: exit 4.
    /// </summary>
    public async Task<string> ResolveRunIdAsync(string idOrPrefix, CancellationToken ct) =>
        (await ResolveAsync(ApiPaths.CheckedRunId(idOrPrefix), "run", missingIsNull: false, ct))!;

    /// <summary>Each of <paramref name="idsOrPrefixes"/> resolved by <see cref="ResolveRunIdAsync"/>, in order.</summary>
    public async Task<List<string>> ResolveRunIdsAsync(IEnumerable<string> idsOrPrefixes, CancellationToken ct)
    {
        var ids = new List<string>();
        foreach (var id in idsOrPrefixes)
        {
            ids.Add(await ResolveRunIdAsync(id, ct));
        }

        return ids;
    }

    /// <summary>The dataset digest that <paramref name="digestOrPrefix"/> names, as <see cref="ResolveRunIdAsync"/> does for runs.</summary>
    public async Task<string> ResolveDatasetDigestAsync(string digestOrPrefix, CancellationToken ct) =>
        (await ResolveAsync(digestOrPrefix, "dataset", missingIsNull: false, ct))!;

    /// <summary>
    /// The artifact SHA-256 that <paramref name="sha256OrPrefix"/> names, as <see cref="ResolveRunIdAsync"/> does for runs, or null
    /// when it names none (so that a caller that also takes a path can take it as one).
    /// </summary>
    public Task<string?> ResolveArtifactSha256OrNullAsync(string sha256OrPrefix, CancellationToken ct) =>
        ResolveAsync(sha256OrPrefix, "artifact", missingIsNull: true, ct);

    /// <summary>A run id, artifact SHA-256 or dataset digest (looked up in that order) that <paramref name="key"/> names, for lineage.</summary>
    public async Task<string> ResolveLineageKeyAsync(string key, CancellationToken ct) =>
        (await ResolveAsync(ApiPaths.CheckedLineageKey(key), null, missingIsNull: false, ct))!;

    /// <summary>
    /// <c>GET /api/resolve</c>: the id; or, when the text names none, null (<paramref name="missingIsNull"/>) or a
    /// <see cref="CliException"/> with the collector's message, as when it names several (the message lists them).
    /// </summary>
    private async Task<string?> ResolveAsync(string text, string? kind, bool missingIsNull, CancellationToken ct)
    {
        var path = "api/resolve?prefix=" + Uri.EscapeDataString(text) + (kind is null ? string.Empty : "&kind=" + kind);
        var json = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path),
            status => status is HttpStatusCode.Conflict or HttpStatusCode.BadRequest or HttpStatusCode.NotFound, ct);
        if (json.TryGetProperty("error", out var error))
        {
            var ambiguous = json.TryGetProperty("candidates", out _);
            if (missingIsNull && !ambiguous)
            {
                return null;
            }

            // Too short and unknown is as unknown as long and unknown (exit 4); ambiguous is the user's to narrow (exit 2).
            throw new CliException(error.GetString() ?? "the id could not be resolved", ambiguous ? ExitCodes.Usage : ExitCodes.NotFound);
        }

        return json.GetProperty("id").GetString() ?? throw new CliException("the collector answered a resolve without an id");
    }

    public static T Read<T>(JsonElement json) => json.Deserialize<T>(QueryJson.Options)
        ?? throw new CliException("the collector answered with an empty document");

    /// <summary>
    /// One request, and the answer's JSON. A 503 with Retry-After (a collector that cannot take the call yet, as one
    /// that does not hold the registry writer's lease just after a start) is waited out for up to
    /// <see cref="MaxRetryWait"/> in all; any other error the caller does not <paramref name="accept"/> becomes a
    /// <see cref="CliException"/> with the collector's message and the exit code that fits it.
    /// </summary>
    private async Task<JsonElement> SendAsync(Func<HttpRequestMessage> request, Func<HttpStatusCode, bool> accept, CancellationToken ct, Action<long>? total = null)
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

            if (response.StatusCode == HttpStatusCode.RequestUriTooLong)
            {
                // Kestrel answers before the API, without JSON: the request's text is too long, not the collector gone.
                throw new CliException($"the request is longer than the collector at {endpoint} takes (HTTP 414): shorten the filter, order-by or ids", ExitCodes.Usage);
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

            if (response.IsSuccessStatusCode || accept(response.StatusCode))
            {
                if (total is not null && response.Headers.TryGetValues(ApiHeaders.TotalCount, out var values)
                    && long.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count))
                {
                    total(count);
                }

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
