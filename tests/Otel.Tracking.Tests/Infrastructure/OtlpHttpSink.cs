using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Otel.Tracking.Tests.Infrastructure;

/// <summary>A loopback HTTP endpoint that records every request and answers 200, standing in for an OTLP receiver.</summary>
internal sealed class OtlpHttpSink : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<ReceivedRequest> _requests = Channel.CreateUnbounded<ReceivedRequest>();
    private readonly Task _loop;

    public OtlpHttpSink()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        _listener.Prefixes.Add(BaseAddress.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseAddress { get; }

    /// <summary>The first request to <paramref name="path"/>; fails after <paramref name="timeout"/>.</summary>
    /// <summary>
    /// The first request on <paramref name="path"/> that satisfies <paramref name="match"/>. The SDK's source is
    /// process-wide, so a provider in one test also exports spans of runs that parallel tests start.
    /// </summary>
    public async Task<ReceivedRequest> WaitForAsync(string path, TimeSpan timeout, Func<ReceivedRequest, bool>? match = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        while (true)
        {
            var request = await _requests.Reader.ReadAsync(cts.Token);
            if (request.Path == path && (match is null || match(request)))
            {
                return request;
            }
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
            _requests.Writer.TryWrite(new ReceivedRequest(context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
        }
    }
}

internal sealed record ReceivedRequest(string Path, string? ContentType, byte[] Body)
{
    /// <summary>Protobuf stores strings as raw UTF-8, so a value can be found without decoding the message.</summary>
    public bool Contains(string text) => Body.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;
}
