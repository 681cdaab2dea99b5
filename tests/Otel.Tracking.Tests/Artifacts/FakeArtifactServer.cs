using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Otel.Tracking.Tests.Artifacts;

/// <summary>
/// The collector's artifact API (HEAD and PUT on <c>/api/artifacts/{sha256}</c>, content checked against its hash)
/// as a minimal HTTP/1.1 server on a raw loopback socket, so that it can really cut a connection mid-body: the
/// first <see cref="InterruptPuts"/> PUTs read part of the body, then reset the connection. PUTs can also be held.
/// </summary>
internal sealed class FakeArtifactServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _puts;
    private int _heads;
    private int _interruptPuts;

    public FakeArtifactServer()
    {
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseAddress { get; }

    public ConcurrentDictionary<string, byte[]> Stored { get; } = new(StringComparer.Ordinal);

    public int Puts => Volatile.Read(ref _puts);

    public int Heads => Volatile.Read(ref _heads);

    /// <summary>When set, PUTs wait for it before answering.</summary>
    public TaskCompletionSource? PutGate { get; set; }

    /// <summary>This many PUTs lose their connection after reading part of the body.</summary>
    public void InterruptPuts(int count) => Volatile.Write(ref _interruptPuts, count);

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        PutGate?.TrySetResult();
        _stop.Cancel();
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        await using (var stream = new NetworkStream(socket, ownsSocket: false))
        {
            try
            {
                while (await ReadHeadAsync(stream) is { } head)
                {
                    if (!await HandleAsync(socket, stream, head))
                    {
                        return;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client went away.
            }
        }
    }

    /// <summary>False when the connection was cut on purpose.</summary>
    private async Task<bool> HandleAsync(Socket socket, NetworkStream stream, (string Method, string Path, long Length, bool ExpectContinue) request)
    {
        var sha = request.Path["/api/artifacts/".Length..];
        if (request.Method == "HEAD")
        {
            Interlocked.Increment(ref _heads);
            await RespondAsync(stream, Stored.ContainsKey(sha) ? "200 OK" : "404 Not Found");
            return true;
        }

        Interlocked.Increment(ref _puts);
        if (request.ExpectContinue)
        {
            await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), _stop.Token);
        }

        if (Interlocked.Decrement(ref _interruptPuts) >= 0)
        {
            await stream.ReadExactlyAsync(new byte[Math.Min(request.Length, 1000)], _stop.Token);

            // Linger 0: close with a reset, as a dropped connection looks to the client.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
            return false;
        }

        var body = new byte[request.Length];
        await stream.ReadExactlyAsync(body, _stop.Token);
        if (PutGate is { } gate)
        {
            await gate.Task.WaitAsync(_stop.Token);
        }

        var matches = Convert.ToHexStringLower(SHA256.HashData(body)) == sha;
        await RespondAsync(stream, !matches ? "400 Bad Request" : Stored.TryAdd(sha, body) ? "201 Created" : "200 OK");
        return true;
    }

    private async Task RespondAsync(NetworkStream stream, string status) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n"), _stop.Token);

    /// <summary>Request line and headers, byte by byte up to the blank line; null at the end of the connection.</summary>
    private async Task<(string Method, string Path, long Length, bool ExpectContinue)?> ReadHeadAsync(NetworkStream stream)
    {
        var text = new StringBuilder();
        var one = new byte[1];
        while (!text.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                return null;
            }

            text.Append((char)one[0]);
        }

        var lines = text.ToString().Split("\r\n");
        var parts = lines[0].Split(' ');
        var length = lines.Skip(1)
            .Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => long.Parse(l["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var expectContinue = lines.Any(l => l.Equals("Expect: 100-continue", StringComparison.OrdinalIgnoreCase));
        return (parts[0], parts[1], length, expectContinue);
    }
}
