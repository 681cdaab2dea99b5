using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Otel.Cli.Client;

/// <summary>
/// A run's artifacts through the collector: the list (<c>GET /api/runs/{id}/artifacts</c>) and verified downloads
/// (<c>GET /api/artifacts/{sha256}</c>) that reach their destination only when the bytes hash to the recorded SHA-256.
/// </summary>
internal sealed class ArtifactClient(Uri endpoint) : IDisposable
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);
    private const long SlowestVerifyBytesPerSecond = 20L * 1024 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Downloads may take long; only connecting and the first answer are bounded.
    private readonly HttpClient _http = CommonOptions.WithApiKey(new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
    {
        BaseAddress = endpoint,
        Timeout = Timeout.InfiniteTimeSpan,
    });

    public async Task<JsonElement> ListJsonAsync(string runId, CancellationToken ct)
    {
        using var response = await SendAsync(ApiPaths.Run(runId, "artifacts"), ct);
        await EnsureSuccessAsync(response, ct);
        try
        {
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            return json.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new CliException($"{endpoint} answered without JSON: is it an otel-track collector?", ExitCodes.Unreachable);
        }
    }

    /// <summary>The run's artifact at <paramref name="path"/> (exact, '/'-separated).</summary>
    public async Task<ArtifactEntry> FindAsync(string runId, string path, CancellationToken ct)
    {
        var list = (await ListJsonAsync(runId, ct)).Deserialize<List<ArtifactEntry>>(Json) ?? [];
        return list.LastOrDefault(a => a.Path == path)
            ?? throw new CliException($"run {runId} has no artifact '{path}'; list them with `otel-track artifacts list {runId}`", ExitCodes.NotFound);
    }

    /// <summary>
    /// Streams the bytes to a temporary file beside <paramref name="destination"/> while hashing, and renames it into
    /// place only if the hash is <paramref name="sha256"/>; otherwise nothing is left behind.
    /// </summary>
    public async Task<long> DownloadAsync(string sha256, long expectedSize, string destination, IProgress<long>? progress, CancellationToken ct)
    {
        var full = Path.GetFullPath(destination);
        if (Directory.Exists(full) || !Directory.Exists(Path.GetDirectoryName(full)))
        {
            throw new CliException($"-o {destination}: give a file path in an existing directory", ExitCodes.Usage);
        }

        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            // The collector hashes the whole object before it answers; allow for that at a slow disk's pace.
            using var response = await SendAsync("api/artifacts/" + sha256, ct, AnswerTimeout + TimeSpan.FromSeconds(expectedSize / SlowestVerifyBytesPerSecond));
            await EnsureSuccessAsync(response, ct);
            string actual;
            long size;
            await using (var body = await response.Content.ReadAsStreamAsync(ct))
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                (actual, size) = await CopyHashingAsync(body, file, progress, ct);
            }

            if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException($"checksum mismatch: the collector sent {size} bytes hashing to {actual}, expected {sha256}; nothing was written");
            }

            File.Move(temp, full, overwrite: true);
            return size;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new CliException($"the download of {sha256} broke off ({e.Message}); nothing was written", ExitCodes.Failure, e);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(string path, CancellationToken ct, TimeSpan? timeout = null)
    {
        var limit = timeout ?? AnswerTimeout;
        using var answer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        answer.CancelAfter(limit);
        try
        {
            return await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, answer.Token);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot reach the collector at {endpoint}: {ex.Message}. Start one with `otel-track serve`, or pass --endpoint / set OTEL_TRACK_ENDPOINT", ExitCodes.Unreachable, ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new CliException($"the collector at {endpoint} did not answer within {limit.TotalSeconds:0} s", ExitCodes.Unreachable, ex);
        }
    }

    /// <summary>The API's <c>{"error": "…"}</c> becomes the one-line reason; 404 exits with <see cref="ExitCodes.NotFound"/>.</summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var message = response.ReasonPhrase ?? "request failed";
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error))
            {
                message = error.GetString() ?? message;
            }
        }
        catch (JsonException)
        {
            // Not the collector's JSON error; the status line says enough.
        }

        throw new CliException(message, response.StatusCode == HttpStatusCode.NotFound ? ExitCodes.NotFound : ExitCodes.Failure);
    }

    private static async Task<(string Sha256, long Size)> CopyHashingAsync(Stream source, Stream destination, IProgress<long>? progress, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long size = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), ct);
                size += read;
                progress?.Report(size);
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>One element of <c>GET /api/runs/{id}/artifacts</c>.</summary>
internal sealed record ArtifactEntry(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("uri")] string? Uri);
