using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Pipeline;

namespace Otel.Collector.Tests.Receivers;

/// <summary>
/// Under sustained overload the collector takes a bounded number of export requests at once and answers the
/// rest 429 with Retry-After (UNAVAILABLE over gRPC) without reading them, instead of growing.
/// </summary>
public sealed class IngestAdmissionTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BeyondConcurrentAndQueuedRequests_ExportsAreRefusedAtOnce_AndTakenAgainOnceTheBacklogClears()
    {
        var store = new GatedStore();
        await using var host = await TestCollectorHosts.StartAsync("admission", store, o =>
        {
            o.Receivers.MaxConcurrentRequests = 1;
            o.Receivers.MaxQueuedRequests = 0;
        });
        using var http = new HttpClient { BaseAddress = host.HttpEndpoint, Timeout = TestTimeouts.Default };
        try
        {
            // The first request holds the only turn: it waits for storage, which is gated.
            var first = PostAsync(http);
            await store.FirstInsertStarted.WaitAsync(TestTimeouts.Default, Cancellation);

            using (var refused = await PostAsync(http))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            }

            using (var channel = GrpcChannel.ForAddress(host.GrpcEndpoint))
            {
                var call = new TraceService.TraceServiceClient(channel).ExportAsync(OtlpTestRequests.Traces(), cancellationToken: Cancellation);
                Assert.Equal(StatusCode.Unavailable, (await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync)).StatusCode);
            }

            using var health = await http.GetAsync("healthz", Cancellation);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

            store.Open();
            using (var answered = await first)
            {
                Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            }

            using var again = await PostAsync(http);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        finally
        {
            store.Open();
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http)
    {
        var content = new ByteArrayContent(OtlpTestRequests.Traces().ToByteArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        return await http.PostAsync("v1/traces", content, Cancellation);
    }
}
