using System.Buffers;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Otel.Tracking.Export;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;
using Otel.Tracking.Runs;

namespace Otel.Tracking.Registry;

/// <summary>
/// The collector's registry API (<c>/api/models/…</c>), and the reads that resuming needs (<c>/api/resolve</c>, <c>/api/runs/{id}</c>), at the SDK's collector endpoint, with the OTLP exporter's headers
/// (an API key). A write answered 503 with Retry-After (no collector holds the registry writer's lease yet) is retried
/// for up to <see cref="MaxRetryWait"/> in all.
/// </summary>
internal sealed class ModelRegistryClient(Uri endpoint, IReadOnlyList<KeyValuePair<string, string>> headers, HttpMessageHandler? handler = null)
{
    private static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    private static readonly HttpClient SharedHttp = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) }) { Timeout = Timeout.InfiniteTimeSpan };

    private readonly HttpClient _http = handler is null ? SharedHttp : new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };

    public Uri Endpoint => endpoint;

    /// <summary>A run with its params and metric summaries (<c>GET /api/runs/{id}</c>), to resume it; 404 when unknown.</summary>
    public Task<RunDetail> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        SendAsync<RunDetail>(HttpMethod.Get, "api/runs/" + Uri.EscapeDataString(runId), null, cancellationToken);

    /// <summary>
    /// The run id that <paramref name="idOrPrefix"/> names (<c>GET /api/resolve?kind=run</c>): an exact id, or a prefix of 6+
    /// characters that only one run id starts with. Unknown is 404 (400 when too short to be a prefix); ambiguous is 409,
    /// whose message lists the candidates.
    /// </summary>
    public async Task<string> ResolveRunIdAsync(string idOrPrefix, CancellationToken cancellationToken) =>
        (await SendAsync<ResolvedRunId>(HttpMethod.Get, "api/resolve?kind=run&prefix=" + Uri.EscapeDataString(idOrPrefix), null, cancellationToken)).Id;

    public Task<ModelVersion> RegisterAsync(string name, ModelRegistration registration, CancellationToken cancellationToken) =>
        SendAsync<ModelVersion>(HttpMethod.Post, ModelPath(name, "/versions"), registration, cancellationToken);

    public Task<ModelVersion> ResolveAsync(string uri, CancellationToken cancellationToken) =>
        SendAsync<ModelVersion>(HttpMethod.Get, "api/models/resolve?uri=" + Uri.EscapeDataString(uri), null, cancellationToken);

    /// <summary>The version's frozen training baseline; 404 (as <see cref="ModelRegistryException"/>) when it has none.</summary>
    public Task<ModelBaseline> GetBaselineAsync(string name, long version, CancellationToken cancellationToken) =>
        SendAsync<ModelBaseline>(HttpMethod.Get, ModelPath(name, "/versions/" + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/baseline"), null, cancellationToken);

    /// <summary>
    /// Streams the version's artifact into <paramref name="directory"/> while hashing, under its file name, and keeps it
    /// only when it hashes to the version's SHA-256; otherwise nothing is left and it throws.
    /// </summary>
    public async Task<string> DownloadAsync(ModelVersion version, string directory, CancellationToken cancellationToken)
    {
        var target = Path.Combine(Path.GetFullPath(directory), Path.GetFileName(version.Artifact.Path));
        var temp = target + "." + Guid.NewGuid().ToString("N") + ".partial";
        var path = ModelPath(version.Name, "/versions/" + version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/artifact");
        try
        {
            using var request = Request(HttpMethod.Get, path, null);
            using var response = await SendOnceAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw await RefusedAsync(response, cancellationToken);
            }

            string actual;
            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                actual = await CopyHashingAsync(body, file, cancellationToken);
            }

            if (!string.Equals(actual, version.Artifact.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException(
                    $"checksum mismatch: the artifact of {version.Name} version {version.Version} hashes to {actual}, not to {version.Artifact.Sha256}; nothing was kept");
            }

            File.Move(temp, target, overwrite: true);
            return target;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new ModelRegistryException($"the download of {version.Name} version {version.Version} from {endpoint} broke off ({e.Message}); nothing was kept", null, e);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string ModelPath(string name, string rest) => "api/models/" + Uri.EscapeDataString(name) + rest;

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            using var request = Request(method, path, body);
            using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            answer.CancelAfter(AnswerTimeout);
            using var response = await SendOnceAsync(request, HttpCompletionOption.ResponseContentRead, answer.Token);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } delay && waited + delay <= MaxRetryWait)
            {
                await Task.Delay(delay, cancellationToken);
                waited += delay;
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await RefusedAsync(response, cancellationToken);
            }

            return await response.Content.ReadFromJsonAsync<T>(QueryJson.Options, cancellationToken)
                ?? throw new ModelRegistryException($"{endpoint} answered {(int)response.StatusCode} with an empty document", response.StatusCode);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + path, UriKind.Absolute))
        {
            Content = body is null ? null : JsonContent.Create(body, options: QueryJson.Options),
        };
        OtlpHeaders.Apply(request, headers);
        return request;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ModelRegistryException($"cannot reach the collector at {endpoint}: {e.Message}. Set MlTrackingOptions.ArtifactEndpoint or OTEL_TRACK_ENDPOINT", null, e);
        }
    }

    private static async Task<ModelRegistryException> RefusedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var message = response.ReasonPhrase ?? "request failed";
        try
        {
            var error = await response.Content.ReadFromJsonAsync<ApiError>(QueryJson.Options, cancellationToken);
            message = error?.Error ?? message;
        }
        catch (JsonException)
        {
            // Not the collector's error document; the status line says enough.
        }

        return new ModelRegistryException(message, response.StatusCode);
    }

    private static async Task<string> CopyHashingAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
