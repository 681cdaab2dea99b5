using System.Net.Http.Headers;

namespace Otel.Tracking.Export;

/// <summary>
/// Delivers exports kept on disk by <see cref="OfflineBuffer"/>: at start and every few seconds, each stored
/// request is posted to the collector's OTLP/HTTP endpoint and deleted once accepted. A stored file is claimed
/// by an atomic rename, so two processes (or the exporter's own 60-second retry) never send the same one
/// at once; a re-send after a crash is harmless because the collector stores every point once.
/// </summary>
internal sealed class OfflineDelivery : IDisposable
{
    private static readonly string[] Signals = ["traces", "metrics", "logs"];
    private static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(5);
    private static readonly MediaTypeHeaderValue Protobuf = new("application/x-protobuf");

    private readonly string _directory;
    private readonly Uri _collector;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public OfflineDelivery(string directory, Uri collector, IReadOnlyList<KeyValuePair<string, string>> headers, TimeSpan interval, TimeProvider time)
    {
        _time = time;
        _directory = directory;
        _collector = collector;
        _headers = headers;
        _interval = interval;
        _loop = Task.Run(LoopAsync);
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation; nothing it was doing is lost (claims are released or time out).
        }

        _stop.Dispose();
        _http.Dispose();
    }

    private async Task LoopAsync()
    {
        ReleaseStaleClaims();
        using var timer = new PeriodicTimer(_interval, _time);
        do
        {
            try
            {
                await DeliverAllAsync(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Sends stored requests oldest first; stops at the first one the collector cannot take now.</summary>
    private async Task DeliverAllAsync(CancellationToken cancellationToken)
    {
        foreach (var (signal, folder) in SignalFolders())
        {
            // The exporter keeps each signal's files in a subfolder per storage instance; names start with the time.
            foreach (var blob in Directory.GetFiles(folder, "*.blob", SearchOption.AllDirectories).OrderBy(Path.GetFileName, StringComparer.Ordinal))
            {
                if (!await DeliverAsync(blob, signal, cancellationToken))
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> DeliverAsync(string blob, string signal, CancellationToken cancellationToken)
    {
        var claimed = $"{blob}.sending-{Environment.ProcessId}";
        try
        {
            File.Move(blob, claimed);
            File.SetLastWriteTimeUtc(claimed, _time.GetUtcNow().UtcDateTime);
        }
        catch (IOException)
        {
            return true; // Another sender took it.
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_collector, "v1/" + signal));
            request.Content = new ByteArrayContent(await File.ReadAllBytesAsync(claimed, cancellationToken));
            request.Content.Headers.ContentType = Protobuf;
            OtlpHeaders.Apply(request, _headers);

            using var response = await _http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                File.Delete(claimed);
                return true;
            }

            if (OtlpHeaders.IsPermanentRefusal(response.StatusCode))
            {
                // Refused for good (malformed, or a key without the right scope): kept aside, never re-sent in a loop.
                File.Move(claimed, blob + ".rejected", overwrite: true);
                return true;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            // The collector is still unreachable: release the claim and try again later.
        }

        File.Move(claimed, blob, overwrite: true);
        return false;
    }

    /// <summary>Claims of a process that died mid-send go back to the queue.</summary>
    private void ReleaseStaleClaims()
    {
        foreach (var (_, folder) in SignalFolders())
        {
            foreach (var claim in Directory.GetFiles(folder, "*.blob.sending-*", SearchOption.AllDirectories))
            {
                if (_time.GetUtcNow().UtcDateTime - File.GetLastWriteTimeUtc(claim) > StaleClaim)
                {
                    var blob = claim[..claim.LastIndexOf(".sending-", StringComparison.Ordinal)];
                    TryMove(claim, blob);
                }
            }
        }
    }

    /// <summary>The exporter's folder of each signal that has one.</summary>
    private IEnumerable<(string Signal, string Folder)> SignalFolders() =>
        Signals.Select(signal => (signal, Path.Combine(_directory, signal))).Where(s => Directory.Exists(s.Item2));

    private static void TryMove(string from, string to)
    {
        try
        {
            File.Move(from, to);
        }
        catch (IOException)
        {
        }
    }
}
