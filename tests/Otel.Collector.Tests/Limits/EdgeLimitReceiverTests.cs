using System.Net;
using System.Text.Json;
using Grpc.Core;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Ingest;
using Otel.Collector.Tests.Receivers;
using static Otel.Collector.Tests.Limits.LimitRequests;
using static Otel.Collector.Tests.Receivers.OtlpHttpTestClient;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Limits;

/// <summary>The edge limits as both transports apply them, in front of a fake ingest that records what got through.</summary>
public sealed class EdgeLimitReceiverTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private OtlpReceiverHost _host = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await OtlpReceiverHost.StartAsync(o =>
        {
            o.Limits.MaxAttributeValueBytes = 32;
            o.Limits.MaxDataPointsPerRequest = 4;
        });
        _client = _host.CreateHttpClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Http_SpanOverALimit_PartialSuccessNamesTheLimit_OthersReachIngest()
    {
        var request = Traces(NewSpan("good"), NewSpan("bad", Attr("ml.note", new string('x', 33))));

        using var response = await _client.PostOtlpAsync("/v1/traces", Protobuf(request));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = ExportTraceServiceResponse.Parser.ParseFrom(await ReadBytesAsync(response));
        Assert.Equal(1, answer.PartialSuccess.RejectedSpans);
        Assert.Contains("attribute 'ml.note' of the span has a value of 33 bytes, over the collector's limit MaxAttributeValueBytes = 32", answer.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("good", Assert.Single(AllSpans(Assert.Single(_host.Ingest.Traces))).Name);
    }

    [Fact]
    public async Task Http_Json_PartialSuccessIsInJson_AndAddsIngestsOwnRejections()
    {
        _host.Ingest.Result = IngestResult.Partial(2, "2 item(s) rejected: span 'x' has no ml.run.id");
        var json = $$$"""
            {"resourceLogs":[{"scopeLogs":[{"logRecords":[
              {"body":{"stringValue":"short"}},
              {"body":{"stringValue":"{{{new string('b', 40)}}}"}}
            ]}]}]}
            """;

        using var response = await _client.PostOtlpAsync("/v1/logs", Json(json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await ReadTextAsync(response));
        var partial = body.RootElement.GetProperty("partialSuccess");
        Assert.Equal("3", partial.GetProperty("rejectedLogRecords").GetString());
        var message = partial.GetProperty("errorMessage").GetString();
        Assert.StartsWith("1 log record(s) rejected by the collector's limits (see docs/limits.md): resourceLogs[0].scopeLogs[0].logRecords[1]: the log body has a value of 40 bytes", message, StringComparison.Ordinal);
        Assert.EndsWith(". 2 item(s) rejected: span 'x' has no ml.run.id", message, StringComparison.Ordinal);
        Assert.Single(Assert.Single(_host.Ingest.Logs).ResourceLogs[0].ScopeLogs[0].LogRecords);
    }

    [Fact]
    public async Task Http_MetricsOverThePointLimit_Answers413NamingTheLimit_AndNothingReachesIngest()
    {
        var request = GaugeRequest("m", Point(1), Point(2), Point(3), Point(4), Point(5));

        using var response = await _client.PostOtlpAsync("/v1/metrics", Protobuf(request));
        using var next = await _client.PostOtlpAsync("/v1/metrics", Protobuf(GaugeRequest("m", Point(1))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var status = await ReadStatusAsync(response);
        Assert.Equal((int)Google.Rpc.Code.ResourceExhausted, status.Code);
        Assert.StartsWith("The request carries 5 metric data points, over the collector's limit MaxDataPointsPerRequest = 4: export fewer points per request", status.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Single(_host.Ingest.Metrics);
    }

    [Fact]
    public async Task Grpc_EachSignal_ItemsOverALimitAreRejectedThroughPartialSuccess()
    {
        using var channel = _host.CreateGrpcChannel();
        var tooLong = new string('v', 33);

        var traces = await new TraceService.TraceServiceClient(channel)
            .ExportAsync(Traces(NewSpan("good"), NewSpan("bad", Attr("k", tooLong))), Call()).ResponseAsync.WaitAsync(Timeout, Ct);
        var metrics = await new MetricsService.MetricsServiceClient(channel)
            .ExportAsync(GaugeRequest("m", Point(1), Point(2, Attr("k", tooLong)), Point(3, Attr("k", tooLong))), Call()).ResponseAsync.WaitAsync(Timeout, Ct);
        var logs = await new LogsService.LogsServiceClient(channel)
            .ExportAsync(Logs(Log(Str("ok")), Log(Str(tooLong))), Call()).ResponseAsync.WaitAsync(Timeout, Ct);

        Assert.Equal(1, traces.PartialSuccess.RejectedSpans);
        Assert.Contains("MaxAttributeValueBytes = 32", traces.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, metrics.PartialSuccess.RejectedDataPoints);
        Assert.StartsWith("2 data point(s) rejected", metrics.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, logs.PartialSuccess.RejectedLogRecords);
        Assert.Equal("good", Assert.Single(AllSpans(Assert.Single(_host.Ingest.Traces))).Name);
        Assert.Single(Assert.Single(_host.Ingest.Metrics).ResourceMetrics[0].ScopeMetrics[0].Metrics[0].Gauge.DataPoints);
        Assert.Single(Assert.Single(_host.Ingest.Logs).ResourceLogs[0].ScopeLogs[0].LogRecords);
    }

    [Fact]
    public async Task Grpc_MetricsOverThePointLimit_ResourceExhaustedNamingTheLimit_ThenKeepsServing()
    {
        using var channel = _host.CreateGrpcChannel();
        var client = new MetricsService.MetricsServiceClient(channel);

        var ex = await Assert.ThrowsAsync<RpcException>(
            () => client.ExportAsync(GaugeRequest("m", Point(1), Point(2), Point(3), Point(4), Point(5)), Call()).ResponseAsync.WaitAsync(Timeout, Ct));
        var next = await client.ExportAsync(GaugeRequest("m", Point(1)), Call()).ResponseAsync.WaitAsync(Timeout, Ct);

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("MaxDataPointsPerRequest = 4", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Null(next.PartialSuccess);
        Assert.Single(_host.Ingest.Metrics);
    }

    [Fact]
    public async Task Grpc_RefusedIngest_StillAnswersUnavailable_EvenWithEdgeRejections()
    {
        _host.Ingest.Result = IngestResult.Throttle(TimeSpan.FromSeconds(2), "spool full");
        using var channel = _host.CreateGrpcChannel();

        var ex = await Assert.ThrowsAsync<RpcException>(() => new TraceService.TraceServiceClient(channel)
            .ExportAsync(Traces(NewSpan("good"), NewSpan("bad", Attr("k", new string('v', 33)))), Call()).ResponseAsync.WaitAsync(Timeout, Ct));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal("spool full", ex.Status.Detail);
    }

    private static CallOptions Call() => new(cancellationToken: Ct);
}
