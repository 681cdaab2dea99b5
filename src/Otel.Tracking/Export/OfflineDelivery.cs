using System.Net.Http.Headers;
using OpenTelemetry.Exporter;

namespace Otel.Tracking.Export;

/// <summary>
/// Delivers exports kept on disk by <see cref="OfflineStore"/>: at start, every few seconds, and at once after a live
/// export was accepted, each stored request goes to the collector the exporter of its signal sends to, in the
/// exporter's protocol (gRPC or HTTP/protobuf), and is deleted once accepted. Stored requests are bare protobuf;
/// those an earlier version left in the OTLP exporter's own disk format (gRPC-framed for gRPC) are unwrapped first.
/// A stored file is claimed by an atomic rename, so two processes never send the same one at once; a re-send after
/// a crash is harmless because the collector stores every point once.
/// </summary>
internal sealed class OfflineDelivery : IDisposable
{
    private static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(5);
    private static readonly MediaTypeHeaderValue Protobuf = new("application/x-protobuf");
    private static readonly MediaTypeHeaderValue Grpc = new("application/grpc");

    private readonly string _directory;
    private readonly ExportMonitor _monitor;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly HttpClient _http = new(ExportGuardHandler.NewTransport()) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly SemaphoreSlim _nudge = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public OfflineDelivery(string directory, ExportMonitor monitor, IReadOnlyList<KeyValuePair<string, string>> headers, TimeSpan interval, TimeProvider time)
    {
        _time = time;
        _directory = directory;
        _monitor = monitor;
        _headers = headers;
        _interval = interval;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>A collector accepted a live export: try the stored ones now rather than at the next tick.</summary>
    public void Nudge()
    {
        try
        {
            if (_nudge.CurrentCount == 0)
            {
                _nudge.Release();
            }
        }
        catch (Exception ex) when (ex is SemaphoreFullException or ObjectDisposedException)
        {
            // Already nudged, or shut down.
        }
    }

    /// <summary>
    /// Stops, after one last pass within <paramref name="drainTimeout"/> when this process reached a collector, so that
    /// a short program delivers what earlier ones left before it exits.
    /// </summary>
    public void Stop(TimeSpan drainTimeout)
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

        if (_monitor.CollectorAnswered)
        {
            using var drain = new CancellationTokenSource(drainTimeout);
            try
            {
                DeliverAllAsync(drain.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // What is left waits for the next process.
            }
        }
    }

    public void Dispose()
    {
        if (!_stop.IsCancellationRequested)
        {
            Stop(TimeSpan.Zero);
        }

        _stop.Dispose();
        _nudge.Dispose();
        _http.Dispose();
    }

    private async Task LoopAsync()
    {
        ReleaseStaleClaims();
        using var timer = new PeriodicTimer(_interval, _time);
        Task<bool>? tick = null;
        Task? nudge = null;
        try
        {
            while (true)
            {
                await DeliverAllAsync(_stop.Token);
                tick ??= timer.WaitForNextTickAsync(_stop.Token).AsTask();
                nudge ??= _nudge.WaitAsync(_stop.Token);
                if (await Task.WhenAny(tick, nudge) == tick)
                {
                    if (!await tick)
                    {
                        return;
                    }

                    tick = null;
                }
                else
                {
                    nudge = null;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends stored requests oldest first, per signal; stops a signal at the first one the collector cannot take now.</summary>
    private async Task DeliverAllAsync(CancellationToken cancellationToken)
    {
        foreach (var (signal, folder) in SignalFolders())
        {
            if (_monitor.Targets.For(signal) is not { } target)
            {
                continue; // No export of this tracker has gone anywhere yet: nothing says where the collector is.
            }

            foreach (var blob in Directory.GetFiles(folder, "*.blob", SearchOption.AllDirectories).OrderBy(Path.GetFileName, StringComparer.Ordinal))
            {
                if (!await DeliverAsync(blob, target, cancellationToken))
                {
                    break;
                }
            }
        }
    }

    private async Task<bool> DeliverAsync(string blob, ExportTarget target, CancellationToken cancellationToken)
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

        var outcome = ExportOutcomeKind.Unavailable;
        try
        {
            var message = OtlpPayload.Unwrap(await File.ReadAllBytesAsync(claimed, cancellationToken), gzipped: false);
            using var request = Request(target, message);
            using var response = await _http.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            outcome = ExportOutcome.Of(response, target.Protocol).Kind;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Unreachable, or a stored file that is not a request: judged below.
            outcome = ex is InvalidDataException ? ExportOutcomeKind.DataRefused : ExportOutcomeKind.Unavailable;
        }
        catch (OperationCanceledException)
        {
            File.Move(claimed, blob, overwrite: true);
            throw;
        }

        switch (outcome)
        {
            case ExportOutcomeKind.Accepted:
                File.Delete(claimed);
                return true;
            case ExportOutcomeKind.DataRefused:
                // Refused for good (malformed, too large): kept aside, never re-sent in a loop.
                File.Move(claimed, blob + ".rejected", overwrite: true);
                return true;
            default:
                // Not there, not the right protocol, or busy: the request waits for the configuration or the collector.
                File.Move(claimed, blob, overwrite: true);
                return false;
        }
    }

    /// <summary>The request the OTLP exporter itself would send for this message.</summary>
    private HttpRequestMessage Request(ExportTarget target, byte[] message)
    {
        var grpc = target.Protocol != OtlpExportProtocol.HttpProtobuf;
        var request = new HttpRequestMessage(HttpMethod.Post, target.Uri)
        {
            Content = new ByteArrayContent(grpc ? OtlpPayload.Frame(message) : message),
        };
        request.Content.Headers.ContentType = grpc ? Grpc : Protobuf;
        if (grpc)
        {
            request.Version = System.Net.HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            request.Headers.TryAddWithoutValidation("TE", "trailers");
        }

        OtlpHeaders.Apply(request, _headers);
        return request;
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

    /// <summary>The folder of each signal that has one.</summary>
    private IEnumerable<(string Signal, string Folder)> SignalFolders() =>
        OtlpSignal.All.Select(signal => (signal, Path.Combine(_directory, signal))).Where(s => Directory.Exists(s.Item2));

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
