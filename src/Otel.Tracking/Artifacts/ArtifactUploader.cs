using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Otel.Tracking.Artifacts;

/// <summary>
/// Puts bytes into the collector's content-addressed store: HEAD first (present content is never sent again),
/// then PUT, retried with exponential backoff on network errors and 5xx. The store's PUT is idempotent and keeps
/// nothing of an interrupted upload, so retrying is always safe. Every request carries the OTLP exporter's headers
/// (<see cref="Export.OtlpHeaders"/>), which hold the API key of a collector that requires one.
/// </summary>
internal sealed class ArtifactUploader(Uri endpoint, int attempts, TimeSpan retryDelay, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
{
    private static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(30);

    // No transfer rate is guaranteed; this only bounds a server that stopped answering.
    private const long SlowestBytesPerSecond = 256 * 1024;

    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public Uri Endpoint => endpoint;

    /// <summary>Never throws for network or server failures (only when <paramref name="cancellationToken"/> is cancelled).</summary>
    public async Task<UploadResult> UploadAsync(string sha256, Func<Stream> open, long size, CancellationToken cancellationToken)
    {
        var target = ArtifactEndpoint.ObjectUri(endpoint, sha256);
        var reason = "";
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
            {
                ArtifactEventSource.Log.UploadRetry(sha256, attempt - 1, reason);
                await Task.Delay(retryDelay * Math.Pow(2, attempt - 2), cancellationToken);
            }

            try
            {
                var (done, permanent, why) = await TryOnceAsync(target, open, size, headers ?? [], cancellationToken);
                if (done)
                {
                    return UploadResult.Stored;
                }

                reason = why;
                if (permanent)
                {
                    return UploadResult.Failed(reason, unreachable: false);
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                reason = e is OperationCanceledException ? "timed out" : e.Message;
            }
        }

        return UploadResult.Failed($"{reason} (after {attempts} attempts to {endpoint})", unreachable: true);
    }

    private static async Task<(bool Done, bool Permanent, string Reason)> TryOnceAsync(
        Uri target, Func<Stream> open, long size, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(HeadTimeout);
            using var headRequest = new HttpRequestMessage(HttpMethod.Head, target);
            Export.OtlpHeaders.Apply(headRequest, headers);
            using var head = await Http.SendAsync(headRequest, timeout.Token);
            if (head.StatusCode == HttpStatusCode.OK)
            {
                return (true, false, "");
            }

            if (head.StatusCode != HttpStatusCode.NotFound)
            {
                return (false, Export.OtlpHeaders.IsPermanentRefusal(head.StatusCode), $"HEAD answered {(int)head.StatusCode}{Denied(head.StatusCode)}");
            }
        }

        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(HeadTimeout + TimeSpan.FromSeconds(size / SlowestBytesPerSecond));
            await using var content = open();
            using var request = new HttpRequestMessage(HttpMethod.Put, target) { Content = new StreamContent(content, 1 << 16) };
            Export.OtlpHeaders.Apply(request, headers);
            request.Content.Headers.ContentLength = size;
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

            // The collector can refuse (too large) or find the content present before a byte of it is sent.
            request.Headers.ExpectContinue = true;
            using var put = await Http.SendAsync(request, timeout.Token);
            if (put.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created)
            {
                return (true, false, "");
            }

            return (false, Export.OtlpHeaders.IsPermanentRefusal(put.StatusCode), $"PUT answered {(int)put.StatusCode}: {await ErrorAsync(put, timeout.Token)}");
        }
    }

    /// <summary>A HEAD answer has no body to say why; these two are worth a hint. Never shows the header's value.</summary>
    private static string Denied(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => $" (the collector requires an API key: set {Export.OtlpHeaders.Variable}=Authorization=Bearer KEY)",
        HttpStatusCode.Forbidden => " (the API key lacks the ingest scope)",
        _ => "",
    };

    private static async Task<string> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) ? error.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}

/// <param name="Ok">The store holds the bytes.</param>
/// <param name="Reason">Why not, when not.</param>
/// <param name="Unreachable">Retries were exhausted; later uploads of the same call are skipped rather than waited for.</param>
internal sealed record UploadResult(bool Ok, string Reason, bool Unreachable)
{
    public static readonly UploadResult Stored = new(true, "", false);

    public static UploadResult Failed(string reason, bool unreachable) => new(false, reason, unreachable);
}
