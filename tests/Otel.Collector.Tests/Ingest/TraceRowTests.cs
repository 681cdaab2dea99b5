using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Tracking;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Ingest;

/// <summary>Spans land in <c>otel_traces</c> with the columns and spellings of the contrib ClickHouse exporter.</summary>
public sealed class TraceRowTests
{
    private const string SpanSql = """
        SELECT toUnixTimestamp64Nano(Timestamp) AS Ts, TraceId, SpanId, ParentSpanId, TraceState, SpanName, SpanKind,
               ServiceName, ResourceAttributes, ScopeName, ScopeVersion, SpanAttributes, Duration, StatusCode, StatusMessage,
               arrayMap(t -> toUnixTimestamp64Nano(t), Events.Timestamp) AS EventTimes, Events.Name AS EventNames,
               Events.Attributes AS EventAttributes, Links.TraceId AS LinkTraceIds, Links.SpanId AS LinkSpanIds,
               Links.TraceState AS LinkTraceStates, Links.Attributes AS LinkAttributes
        FROM otel_traces WHERE SpanId = {id:String}
        """;

    [Fact]
    public async Task Span_EveryField_StoredInContribExporterShape()
    {
        await using var harness = await IngestHarness.StartAsync("traces_shape");
        var resource = Resource(
            Attr("service.name", "svc-a"),
            Attr("host.cores", 8),
            Attr("gpu.share", 0.5),
            Attr("ci", true),
            Attr("labels", ArrayOf(Str("a"), Str("b"))));
        var span = new Span
        {
            TraceId = Bytes("5B8EFFF798038103D269B633813FC60C"),
            SpanId = Bytes("EEE19B7EC3C1B174"),
            ParentSpanId = Bytes("0A0B0C0D0E0F1011"),
            TraceState = "vendor=x",
            Name = "GET /predict",
            Kind = Span.Types.SpanKind.Server,
            StartTimeUnixNano = T0 + 123,
            EndTimeUnixNano = T0 + Second + 456,
            Status = new Status { Code = Status.Types.StatusCode.Error, Message = "model not loaded" },
            Attributes =
            {
                Attr("http.method", "GET"),
                Attr("retries", 3),
                Attr("ratio", 0.25),
                Attr("cached", false),
                Attr("mixed", ArrayOf(Int(1), Dbl(2.5), Bool(true), Str("x"))),
                Attr("negative", -42),
            },
            Events =
            {
                new Span.Types.Event { Name = "exception", TimeUnixNano = T0 + 777, Attributes = { Attr("exception.message", "oops"), Attr("attempt", 2) } },
                new Span.Types.Event { Name = "checkpoint", TimeUnixNano = T0 + 999 },
            },
            Links =
            {
                new Span.Types.Link
                {
                    TraceId = Bytes("00000000000000000000000000ABCDEF"),
                    SpanId = Bytes("1122334455667788"),
                    TraceState = "a=b",
                    Attributes = { Attr("link.kind", "retry"), Attr("link.n", 1) },
                },
            },
        };

        await harness.SendAcceptedAsync(TracesRequest(resource, span));

        var row = await harness.SingleAsync(SpanSql, new QueryParameters().Add("id", "eee19b7ec3c1b174"));
        Assert.Equal((long)(T0 + 123), row.Int64("Ts"));
        Assert.Equal("5b8efff798038103d269b633813fc60c", row.String("TraceId"));
        Assert.Equal("eee19b7ec3c1b174", row.String("SpanId"));
        Assert.Equal("0a0b0c0d0e0f1011", row.String("ParentSpanId"));
        Assert.Equal("vendor=x", row.String("TraceState"));
        Assert.Equal("GET /predict", row.String("SpanName"));
        Assert.Equal("Server", row.String("SpanKind"));
        Assert.Equal("svc-a", row.String("ServiceName"));
        Assert.Equal(
            new Dictionary<string, string> { ["service.name"] = "svc-a", ["host.cores"] = "8", ["gpu.share"] = "0.5", ["ci"] = "true", ["labels"] = "[\"a\",\"b\"]" },
            row.Map("ResourceAttributes"));
        Assert.Equal(ScopeName, row.String("ScopeName"));
        Assert.Equal(ScopeVersion, row.String("ScopeVersion"));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["http.method"] = "GET",
                ["retries"] = "3",
                ["ratio"] = "0.25",
                ["cached"] = "false",
                ["mixed"] = "[1,2.5,true,\"x\"]",
                ["negative"] = "-42",
            },
            row.Map("SpanAttributes"));
        Assert.Equal((long)(Second + 333), row.Int64("Duration"));
        Assert.Equal("Error", row.String("StatusCode"));
        Assert.Equal("model not loaded", row.String("StatusMessage"));

        Assert.Equal([(long)(T0 + 777), (long)(T0 + 999)], row.Int64s("EventTimes"));
        Assert.Equal(["exception", "checkpoint"], row.Strings("EventNames"));
        var eventAttributes = row.Maps("EventAttributes");
        Assert.Equal(new Dictionary<string, string> { ["exception.message"] = "oops", ["attempt"] = "2" }, eventAttributes[0]);
        Assert.Empty(eventAttributes[1]);

        Assert.Equal(["00000000000000000000000000abcdef"], row.Strings("LinkTraceIds"));
        Assert.Equal(["1122334455667788"], row.Strings("LinkSpanIds"));
        Assert.Equal(["a=b"], row.Strings("LinkTraceStates"));
        Assert.Equal(new Dictionary<string, string> { ["link.kind"] = "retry", ["link.n"] = "1" }, Assert.Single(row.Maps("LinkAttributes")));
    }

    [Fact]
    public async Task Span_RootWithoutResourceOrStatus_EmptyParentServiceAndUnsetStatus()
    {
        await using var harness = await IngestHarness.StartAsync("traces_root");
        var span = PlainSpan("root");
        span.Kind = Span.Types.SpanKind.Unspecified;
        var request = TracesRequest(span);
        request.ResourceSpans[0].Resource = null;

        await harness.SendAcceptedAsync(request);

        var row = await harness.SingleAsync(SpanSql, new QueryParameters().Add("id", Hex(span.SpanId)));
        Assert.Equal(string.Empty, row.String("ParentSpanId"));
        Assert.Equal(string.Empty, row.String("ServiceName"));
        Assert.Empty(row.Map("ResourceAttributes"));
        Assert.Equal("Unspecified", row.String("SpanKind"));
        Assert.Equal("Unset", row.String("StatusCode"));
        Assert.Equal(string.Empty, row.String("StatusMessage"));
        Assert.Equal((long)(60 * Second), row.Int64("Duration"));
        Assert.Empty(row.Strings("EventNames"));
        Assert.Empty(row.Strings("LinkTraceIds"));
    }

    [Theory]
    [InlineData(Span.Types.SpanKind.Internal, "Internal")]
    [InlineData(Span.Types.SpanKind.Server, "Server")]
    [InlineData(Span.Types.SpanKind.Client, "Client")]
    [InlineData(Span.Types.SpanKind.Producer, "Producer")]
    [InlineData(Span.Types.SpanKind.Consumer, "Consumer")]
    public async Task SpanKind_EachKind_StoredAsContribName(Span.Types.SpanKind kind, string expected)
    {
        await using var harness = await IngestHarness.StartAsync("traces_kind");
        var span = PlainSpan("kind");
        span.Kind = kind;

        await harness.SendAcceptedAsync(TracesRequest(span));

        Assert.Equal(expected, (await harness.SingleAsync(SpanSql, new QueryParameters().Add("id", Hex(span.SpanId)))).String("SpanKind"));
    }

    [Theory]
    [InlineData(Status.Types.StatusCode.Unset, "Unset")]
    [InlineData(Status.Types.StatusCode.Ok, "Ok")]
    [InlineData(Status.Types.StatusCode.Error, "Error")]
    public async Task StatusCode_EachCode_StoredAsContribName(Status.Types.StatusCode code, string expected)
    {
        await using var harness = await IngestHarness.StartAsync("traces_status");
        var span = PlainSpan("status");
        span.Status = new Status { Code = code, Message = $"message of {expected}" };

        await harness.SendAcceptedAsync(TracesRequest(span));

        var row = await harness.SingleAsync(SpanSql, new QueryParameters().Add("id", Hex(span.SpanId)));
        Assert.Equal(expected, row.String("StatusCode"));
        Assert.Equal($"message of {expected}", row.String("StatusMessage"));
    }

    [Fact]
    public async Task MetricsEvent_InOtelTraces_ArraysReplacedByMetricCount()
    {
        await using var harness = await IngestHarness.StartAsync("traces_metric_count");
        var span = RunSpan(MlSemanticConventions.RunMetricsSpan, "run-count");
        var batch = MetricsEvent(T0 + 5, ["loss", "acc", "loss"], [0.5, 0.8, 0.4], steps: [1, 1, 2], timestamps: [(long)T0 + 1, (long)T0 + 2, (long)T0 + 3]);
        batch.Attributes.Add(Attr("origin", "buffer"));
        span.Events.Add(batch);
        span.Events.Add(MetricEvent("lr", 0.01, step: 4, time: T0 + 6));

        await harness.SendAcceptedAsync(TracesRequest(span));

        var row = await harness.SingleAsync(SpanSql, new QueryParameters().Add("id", Hex(span.SpanId)));
        Assert.Equal([MlSemanticConventions.MetricsEvent, MlSemanticConventions.MetricEvent], row.Strings("EventNames"));
        Assert.Equal([(long)T0 + 5, (long)T0 + 6], row.Int64s("EventTimes"));
        var attributes = row.Maps("EventAttributes");
        Assert.Equal(new Dictionary<string, string> { [MlSemanticConventions.MetricCount] = "3", ["origin"] = "buffer" }, attributes[0]);
        Assert.Equal(
            new Dictionary<string, string> { [MlSemanticConventions.MetricKey] = "lr", [MlSemanticConventions.MetricValue] = "0.01", [MlSemanticConventions.MetricStep] = "4" },
            attributes[1]);
        Assert.Equal(4, await harness.CountAsync("SELECT count() AS n FROM ml_metrics WHERE RunId = 'run-count'"));
    }

    [Fact]
    public async Task Spans_SeveralResourcesAndScopes_EachRowHasItsOwnServiceAndScope()
    {
        await using var harness = await IngestHarness.StartAsync("traces_resources");
        var first = PlainSpan("first");
        var second = PlainSpan("second");
        var request = TracesRequest(Resource(Attr("service.name", "svc-1")), first);
        var other = TracesRequest(Resource(Attr("service.name", "svc-2")), second);
        other.ResourceSpans[0].ScopeSpans[0].Scope = new InstrumentationScope { Name = "other-scope", Version = "9" };
        request.ResourceSpans.Add(other.ResourceSpans);

        await harness.SendAcceptedAsync(request);

        var rows = await harness.QueryAsync("SELECT SpanName, ServiceName, ScopeName, ScopeVersion FROM otel_traces ORDER BY SpanName");
        Assert.Equal(
            [("first", "svc-1", ScopeName, ScopeVersion), ("second", "svc-2", "other-scope", "9")],
            rows.Select(r => (r.String("SpanName"), r.String("ServiceName"), r.String("ScopeName"), r.String("ScopeVersion"))));
    }
}
