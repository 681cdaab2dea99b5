using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Pipeline;

namespace Otel.Collector.Tests.Receivers;

/// <summary>
/// Clients that send their bodies at 1 byte/s hold no admission turn: a valid request beside 32 of them
/// (twice the turns) is answered while every one of them is still sending.
/// </summary>
public sealed class SlowBodyTests
{
    private const int SlowClients = 32;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ValidRequest_BesideThirtyTwoSlowBodies_IsAnsweredWhileTheyAreStillSending()
    {
        var store = new GatedStore();
        store.Open();
        await using var host = await TestCollectorHosts.StartAsync("slow-bodies", store);
        using var active = new ActiveRequests(host.Services.GetRequiredService<IMeterFactory>());
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var slow = Enumerable.Range(0, SlowClients).Select(_ => SendSlowlyAsync(host.HttpEndpoint, stopSending.Token)).ToList();
        try
        {
            await active.WaitForAsync(SlowClients);

            using var http = new HttpClient { BaseAddress = host.HttpEndpoint, Timeout = TestTimeouts.Default };
            var content = new ByteArrayContent(OtlpTestRequests.Traces().ToByteArray());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
            using var response = await http.PostAsync("v1/traces", content, Cancellation);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(active.Current >= SlowClients, $"the valid request was answered only after slow clients ended: {active.Current} of {SlowClients} still active");
            Assert.All(slow, s => Assert.False(s.IsCompleted, "a slow client stopped sending before the valid request was answered"));
        }
        finally
        {
            await stopSending.CancelAsync();
            await Task.WhenAll(slow).WaitAsync(TestTimeouts.Default, Cancellation);
        }
    }

    /// <summary>Headers at once, then the body one byte a second until stopped.</summary>
    private static async Task SendSlowlyAsync(Uri endpoint, CancellationToken stop)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port, stop);
        var stream = client.GetStream();
        var headers = $"POST /v1/traces HTTP/1.1\r\nHost: {endpoint.Authority}\r\nContent-Type: application/x-protobuf\r\nContent-Length: 1000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers), stop);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                await stream.WriteAsync(new byte[] { 0x0A }, stop);
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The test is over.
        }
        catch (IOException)
        {
            // The server closed the connection (too slow): the task ends, which the test sees.
        }
    }

    /// <summary>The host's own <c>http.server.active_requests</c>: requests the server has begun and not finished.</summary>
    private sealed class ActiveRequests : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _current;

        public ActiveRequests(IMeterFactory hostMeters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "http.server.active_requests" && ReferenceEquals(instrument.Meter.Scope, hostMeters))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _current, value));
            _listener.Start();
        }

        public long Current => Interlocked.Read(ref _current);

        public Task WaitForAsync(long count) =>
            Eventually.UntilAsync(() => Current >= count, $"fewer than {count} requests were ever active at once");

        public void Dispose() => _listener.Dispose();
    }
}
