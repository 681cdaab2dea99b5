using Google.Rpc;
using Grpc.Core;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Ingest;

namespace Otel.Collector.Tests.Receivers;

public sealed class OtlpGrpcReceiverTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private OtlpReceiverHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = await OtlpReceiverHost.StartAsync(o => o.MaxRequestBodyBytes = 64 * 1024);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Export_Traces_ReachIngestUnchangedWithEmptyResponse()
    {
        using var channel = _host.CreateGrpcChannel();
        var request = OtlpTestRequests.Traces();

        var response = await new TraceService.TraceServiceClient(channel).ExportAsync(request, Call()).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Null(response.PartialSuccess);
        Assert.Equal(request, Assert.Single(_host.Ingest.Traces));
    }

    [Fact]
    public async Task Export_Metrics_ReachIngestUnchanged()
    {
        using var channel = _host.CreateGrpcChannel();
        var request = OtlpTestRequests.Metrics();

        var response = await new MetricsService.MetricsServiceClient(channel).ExportAsync(request, Call()).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Null(response.PartialSuccess);
        Assert.Equal(request, Assert.Single(_host.Ingest.Metrics));
    }

    [Fact]
    public async Task Export_Logs_ReachIngestUnchanged()
    {
        using var channel = _host.CreateGrpcChannel();
        var request = OtlpTestRequests.Logs();

        var response = await new LogsService.LogsServiceClient(channel).ExportAsync(request, Call()).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Null(response.PartialSuccess);
        Assert.Equal(request, Assert.Single(_host.Ingest.Logs));
    }

    [Fact]
    public async Task Export_PartiallyRejected_ReturnsPartialSuccessPerSignal()
    {
        _host.Ingest.Result = IngestResult.Partial(2, "2 spans lack ml.run.id");
        using var channel = _host.CreateGrpcChannel();

        var traces = await new TraceService.TraceServiceClient(channel).ExportAsync(OtlpTestRequests.Traces(), Call()).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var metrics = await new MetricsService.MetricsServiceClient(channel).ExportAsync(OtlpTestRequests.Metrics(), Call()).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var logs = await new LogsService.LogsServiceClient(channel).ExportAsync(OtlpTestRequests.Logs(), Call()).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(2, traces.PartialSuccess.RejectedSpans);
        Assert.Equal("2 spans lack ml.run.id", traces.PartialSuccess.ErrorMessage);
        Assert.Equal(2, metrics.PartialSuccess.RejectedDataPoints);
        Assert.Equal(2, logs.PartialSuccess.RejectedLogRecords);
    }

    [Fact]
    public async Task Export_WarningWithNothingRejected_ReturnsPartialSuccessWithZero()
    {
        _host.Ingest.Result = new IngestResult(IngestOutcome.Accepted, 0, "attribute values were truncated", null);
        using var channel = _host.CreateGrpcChannel();

        var response = await new TraceService.TraceServiceClient(channel).ExportAsync(OtlpTestRequests.Traces(), Call()).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(0, response.PartialSuccess.RejectedSpans);
        Assert.Equal("attribute values were truncated", response.PartialSuccess.ErrorMessage);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Export_Refused_ThrowsUnavailableWithRetryInfo(bool throttled)
    {
        _host.Ingest.Result = throttled
            ? IngestResult.Throttle(TimeSpan.FromSeconds(7), "spool full")
            : IngestResult.Down(TimeSpan.FromSeconds(30), "ClickHouse unreachable");
        using var channel = _host.CreateGrpcChannel();

        var ex = await Assert.ThrowsAsync<RpcException>(
            () => new TraceService.TraceServiceClient(channel).ExportAsync(OtlpTestRequests.Traces(), Call()).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        var status = ex.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal(throttled ? "spool full" : "ClickHouse unreachable", status.Message);
        var retryInfo = status.GetDetail<RetryInfo>();
        Assert.NotNull(retryInfo);
        Assert.Equal(TimeSpan.FromSeconds(throttled ? 7 : 30), retryInfo.RetryDelay.ToTimeSpan());
    }

    [Fact]
    public async Task Export_MessageOverLimit_ThrowsResourceExhaustedAndKeepsServing()
    {
        using var channel = _host.CreateGrpcChannel();
        var client = new TraceService.TraceServiceClient(channel);

        var ex = await Assert.ThrowsAsync<RpcException>(
            () => client.ExportAsync(OtlpTestRequests.Traces(new string('x', 100 * 1024)), Call()).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken));
        await client.ExportAsync(OtlpTestRequests.Traces(), Call()).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Single(_host.Ingest.Traces);
    }

    [Fact]
    public async Task Export_GzipCompressed_IsDecompressed()
    {
        using var channel = _host.CreateGrpcChannel();
        var request = OtlpTestRequests.Traces(new string('x', 10 * 1024));

        await new TraceService.TraceServiceClient(channel).ExportAsync(request, GzipRequest()).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(request, Assert.Single(_host.Ingest.Traces));
    }

    [Fact]
    public async Task Export_GzipBomb_ThrowsResourceExhaustedAndKeepsServing()
    {
        using var channel = _host.CreateGrpcChannel();
        var client = new TraceService.TraceServiceClient(channel);

        // About 1 KiB on the wire, 1 MiB once inflated: sixteen times the limit.
        var bomb = OtlpTestRequests.Traces(new string('x', 1024 * 1024));
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.ExportAsync(bomb, GzipRequest()).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken));
        await client.ExportAsync(OtlpTestRequests.Traces(), GzipRequest()).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("65536", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("ml.run", Assert.Single(_host.Ingest.Traces).ResourceSpans[0].ScopeSpans[0].Spans[0].Name);
    }

    [Fact]
    public async Task Export_MalformedMessage_ThrowsInvalidArgumentAndNeverReachesIngest()
    {
        using var channel = _host.CreateGrpcChannel();
        var invoker = channel.CreateCallInvoker();
        var rawMethod = new Method<byte[], byte[]>(
            MethodType.Unary, "opentelemetry.proto.collector.trace.v1.TraceService", "Export", Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

        var ex = await Assert.ThrowsAsync<RpcException>(
            () => invoker.AsyncUnaryCall(rawMethod, null, Call(), [0x0A, 0xFF, 0xFF]).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("ExportTraceServiceRequest", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(_host.Ingest.Traces);
    }

    private static CallOptions Call() => new(cancellationToken: TestContext.Current.CancellationToken);

    private static CallOptions GzipRequest() =>
        new(new Metadata { { "grpc-internal-encoding-request", "gzip" } }, cancellationToken: TestContext.Current.CancellationToken);
}
