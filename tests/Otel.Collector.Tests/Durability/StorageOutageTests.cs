using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.ClickHouse;
using Otel.Collector.Tests.EndToEnd;
using Otel.Collector.Tests.Infrastructure;
using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Durability;

/// <summary>
/// ClickHouse goes down under a collector on real sockets: requests are acknowledged once spooled, up to the
/// spool's bound, then pushed back (503 with Retry-After, UNAVAILABLE); when ClickHouse returns, everything
/// acknowledged is stored exactly once.
/// </summary>
public sealed class StorageOutageTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClickHouseDown_SpoolsUpToItsBound_ThenPushesBack_AndDrainsOnRecovery()
    {
        SwitchableStore? storage = null;
        await using var collector = await RunningCollector.StartAsync("outage", o => o.Pipeline.MaxSpoolBytes = 24 * 1024, s => storage = new SwitchableStore(s));
        var experiment = "outage-" + Guid.NewGuid().ToString("N");
        storage!.Down = true;

        var accepted = new List<string>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 200 && refused is null; i++)
        {
            var runId = $"{experiment}-{i}";
            var response = await PostAsync(collector, Run(runId, experiment));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                accepted.Add(runId);
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Contains("spool is full", await refused.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        }

        using (var channel = GrpcChannel.ForAddress(collector.Host.GrpcEndpoint))
        {
            var call = new TraceService.TraceServiceClient(channel).ExportAsync(Run(experiment + "-grpc", experiment), cancellationToken: Cancellation);
            var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        }

        Assert.True(accepted.Count >= 3, $"only {accepted.Count} requests were spooled before the bound");
        Assert.Equal(0, await CountAsync(collector.Store, experiment));

        storage.Down = false;
        await RunningCollector.EventuallyAsync(() => CountAsync(collector.Store, experiment), n => n == accepted.Count, TestTimeouts.Default);
        var listed = await collector.ListRunsAsync(experiment);
        Assert.Equal(accepted.Order(StringComparer.Ordinal), listed.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(listed, r => Assert.Equal(0.5, r.Metrics["loss"]));

        // Spooled space is free again: new requests are taken.
        using var after = await PostAsync(collector, Run(experiment + "-after", experiment));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task ServerNotReachableAtStart_CollectorServesIntoTheSpool_AndStoresOnceTheServerAnswers()
    {
        var reachable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        DeferredStore? deferred = null;
        await using var collector = await RunningCollector.StartAsync("deferred", wrapStore: real => deferred = new DeferredStore(
            "ClickHouse server http://clickhouse:8123/, database otel", real.Database, new HttpRequestException("Connection refused"),
            async ct =>
            {
                await reachable.Task.WaitAsync(ct);
                return real;
            },
            TimeProvider.System, TimeSpan.FromMilliseconds(10)));
        var experiment = "deferred-" + Guid.NewGuid().ToString("N");

        using (var accepted = await PostAsync(collector, Run(experiment + "-0", experiment)))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using (var notReady = await collector.Api.GetAsync("readyz", Cancellation))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Contains("not reachable yet", await notReady.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        }

        reachable.SetResult();
        await deferred!.Opened.WaitAsync(TestTimeouts.Default, Cancellation);
        await RunningCollector.EventuallyAsync(() => CountAsync(collector.Store, experiment), n => n == 1, TestTimeouts.Default);
        using var ready = await collector.Api.GetAsync("readyz", Cancellation);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static ExportTraceServiceRequest Run(string runId, string experiment)
    {
        var run = RunSpan("ml.run", runId, experiment, runId, Attr("ml.param.pad", new string('p', 2000)));
        run.Events.Add(Event("ml.metric", Attr("ml.metric.key", "loss"), Attr("ml.metric.value", 0.5), Attr("ml.metric.step", 1L)));
        return Request([Attr("service.name", "outage")], RunSpan("ml.run.start", runId, experiment, runId), run);
    }

    private static async Task<HttpResponseMessage> PostAsync(RunningCollector collector, ExportTraceServiceRequest request)
    {
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        return await collector.Api.PostAsync("v1/traces", content, Cancellation);
    }

    private static async Task<long> CountAsync(IClickHouseStore store, string experiment)
    {
        var output = await store.QueryAsync("SELECT count() FROM ml_runs FINAL WHERE Experiment = {e:String}", "TabSeparated", new QueryParameters().Add("e", experiment), Cancellation);
        return long.Parse(System.Text.Encoding.UTF8.GetString(output).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
