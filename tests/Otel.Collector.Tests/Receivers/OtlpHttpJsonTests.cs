using System.Net;
using System.Text.Json;
using Google.Rpc;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Ingest;
using static Otel.Collector.Tests.Receivers.OtlpHttpTestClient;

namespace Otel.Collector.Tests.Receivers;

public sealed class OtlpHttpJsonTests : IAsyncLifetime
{
    /// <summary>What a user would send with curl -H 'Content-Type: application/json' --data @run.json.</summary>
    private const string CurlExample = """
        {
          "resourceSpans": [
            {
              "resource": {
                "attributes": [
                  { "key": "service.name", "value": { "stringValue": "trainer" } }
                ]
              },
              "scopeSpans": [
                {
                  "scope": { "name": "manual" },
                  "spans": [
                    {
                      "traceId": "5B8EFFF798038103D269B633813FC60C",
                      "spanId": "eee19b7ec3c1b174",
                      "parentSpanId": "",
                      "name": "ml.run",
                      "kind": 1,
                      "startTimeUnixNano": "1700000000000000123",
                      "endTimeUnixNano": "1700000060000000456",
                      "attributes": [
                        { "key": "ml.run.id", "value": { "stringValue": "run-42" } },
                        { "key": "ml.param.epochs", "value": { "intValue": "3" } },
                        { "key": "ml.param.lr", "value": { "doubleValue": 0.001 } },
                        { "key": "ml.param.shuffle", "value": { "boolValue": true } }
                      ],
                      "events": [
                        {
                          "timeUnixNano": "1700000030000000000",
                          "name": "ml.metric",
                          "attributes": [
                            { "key": "ml.metric.key", "value": { "stringValue": "loss" } },
                            { "key": "ml.metric.value", "value": { "doubleValue": 0.25 } },
                            { "key": "ml.metric.step", "value": { "intValue": 10 } }
                          ]
                        }
                      ],
                      "status": { "code": 1 }
                    }
                  ]
                }
              ]
            }
          ]
        }
        """;

    private OtlpReceiverHost _host = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await OtlpReceiverHost.StartAsync();
        _client = _host.CreateHttpClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task PostTraces_CurlExample_DecodesEveryField()
    {
        using var response = await _client.PostOtlpAsync("/v1/traces", Json(CurlExample));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{}", await ReadTextAsync(response));
        var resourceSpans = Assert.Single(Assert.Single(_host.Ingest.Traces).ResourceSpans);
        Assert.Equal("trainer", resourceSpans.Resource.Attributes[0].Value.StringValue);
        var span = Assert.Single(Assert.Single(resourceSpans.ScopeSpans).Spans);
        Assert.Equal(OtlpTestRequests.TraceId, span.TraceId);
        Assert.Equal(OtlpTestRequests.SpanId, span.SpanId);
        Assert.True(span.ParentSpanId.IsEmpty);
        Assert.Equal("ml.run", span.Name);
        Assert.Equal(Span.Types.SpanKind.Internal, span.Kind);
        Assert.Equal(1_700_000_000_000_000_123UL, span.StartTimeUnixNano);
        Assert.Equal(1_700_000_060_000_000_456UL, span.EndTimeUnixNano);
        Assert.Equal("run-42", span.Attributes[0].Value.StringValue);
        Assert.Equal(3, span.Attributes[1].Value.IntValue);
        Assert.Equal(0.001, span.Attributes[2].Value.DoubleValue);
        Assert.True(span.Attributes[3].Value.BoolValue);
        var metric = Assert.Single(span.Events);
        Assert.Equal("ml.metric", metric.Name);
        Assert.Equal(1_700_000_030_000_000_000UL, metric.TimeUnixNano);
        Assert.Equal(0.25, metric.Attributes[1].Value.DoubleValue);
        Assert.Equal(10, metric.Attributes[2].Value.IntValue);
        Assert.Equal(OpenTelemetry.Proto.Trace.V1.Status.Types.StatusCode.Ok, span.Status.Code);
    }

    [Fact]
    public async Task PostTraces_JsonPartiallyRejected_AnswersCamelCasePartialSuccess()
    {
        _host.Ingest.Result = IngestResult.Partial(1, "1 span lacks ml.run.id");

        using var response = await _client.PostOtlpAsync("/v1/traces", Json(CurlExample, "application/json; charset=utf-8"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await ReadTextAsync(response));
        var partial = body.RootElement.GetProperty("partialSuccess");
        Assert.Equal("1", partial.GetProperty("rejectedSpans").GetString());
        Assert.Equal("1 span lacks ml.run.id", partial.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task PostMetrics_Json_DecodesHistogramsExemplarsAndTemporality()
    {
        const string json = """
            {"resourceMetrics":[{"scopeMetrics":[{"metrics":[
              {"name":"gpu.util","gauge":{"dataPoints":[{"timeUnixNano":1700000000000000123,"asInt":"97",
                "exemplars":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"EEE19B7EC3C1B174","asDouble":1.5}]}]}},
              {"name":"step.seconds","histogram":{"aggregationTemporality":1,"dataPoints":[
                {"count":"3","sum":4.5,"bucketCounts":["1",2,"0"],"explicitBounds":[1,2],"min":0.5,"max":2}]}},
              {"name":"batches","sum":{"aggregationTemporality":"AGGREGATION_TEMPORALITY_CUMULATIVE","isMonotonic":true,
                "dataPoints":[{"asInt":9007199254740993}]}},
              {"name":"latency","exponential_histogram":{"data_points":[{"scale":-2,"zeroCount":"1",
                "positive":{"offset":-3,"bucketCounts":["4"]},"exemplars":[{"trace_id":"5b8efff798038103d269b633813fc60c"}]}]}}
            ]}]}]}
            """;

        using var response = await _client.PostOtlpAsync("/v1/metrics", Json(json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metrics = Assert.Single(_host.Ingest.Metrics).ResourceMetrics[0].ScopeMetrics[0].Metrics;
        var gauge = metrics[0].Gauge.DataPoints[0];
        Assert.Equal(1_700_000_000_000_000_123UL, gauge.TimeUnixNano);
        Assert.Equal(97, gauge.AsInt);
        Assert.Equal(OtlpTestRequests.TraceId, gauge.Exemplars[0].TraceId);
        Assert.Equal(OtlpTestRequests.SpanId, gauge.Exemplars[0].SpanId);
        var histogram = metrics[1].Histogram;
        Assert.Equal(AggregationTemporality.Delta, histogram.AggregationTemporality);
        Assert.Equal([1UL, 2UL, 0UL], histogram.DataPoints[0].BucketCounts);
        Assert.Equal(2, histogram.DataPoints[0].Max);
        Assert.Equal(AggregationTemporality.Cumulative, metrics[2].Sum.AggregationTemporality);
        Assert.Equal(9_007_199_254_740_993L, metrics[2].Sum.DataPoints[0].AsInt);
        var exponential = metrics[3].ExponentialHistogram.DataPoints[0];
        Assert.Equal(-2, exponential.Scale);
        Assert.Equal(-3, exponential.Positive.Offset);
        Assert.Equal(OtlpTestRequests.TraceId, exponential.Exemplars[0].TraceId);
    }

    [Fact]
    public async Task PostLogs_Json_DecodesIdsSeverityAndBody()
    {
        const string json = """
            {"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"1700000000000000002","severityNumber":13,
              "severityText":"WARN","body":{"stringValue":"checkpoint slow"},"traceId":"5b8efff798038103d269b633813fc60c",
              "spanId":"eee19b7ec3c1b174","eventName":"ml.checkpoint","flags":1}]}]}]}
            """;

        using var response = await _client.PostOtlpAsync("/v1/logs", Json(json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(_host.Ingest.Logs).ResourceLogs[0].ScopeLogs[0].LogRecords[0];
        Assert.Equal(SeverityNumber.Warn, record.SeverityNumber);
        Assert.Equal(OtlpTestRequests.TraceId, record.TraceId);
        Assert.Equal(OtlpTestRequests.SpanId, record.SpanId);
        Assert.Equal("checkpoint slow", record.Body.StringValue);
        Assert.Equal("ml.checkpoint", record.EventName);
        Assert.Equal(1U, record.Flags);
    }

    [Fact]
    public async Task PostTraces_UnknownFieldsAndProtoNames_AreAcceptedAndIgnored()
    {
        const string json = """
            {"resource_spans":[{"futureField":{"a":[1,2]},"scope_spans":[{"spans":[{"trace_id":"5b8efff798038103d269b633813fc60c",
              "span_id":"eee19b7ec3c1b174","name":"x","kind":"SPAN_KIND_SERVER","droppedAttributesCount":2,"newThing":"y",
              "links":[{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","flags":256}]}]}]}]}
            """;

        using var response = await _client.PostOtlpAsync("/v1/traces", Json(json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var span = Assert.Single(_host.Ingest.Traces).ResourceSpans[0].ScopeSpans[0].Spans[0];
        Assert.Equal(OtlpTestRequests.TraceId, span.TraceId);
        Assert.Equal(Span.Types.SpanKind.Server, span.Kind);
        Assert.Equal(2U, span.DroppedAttributesCount);
        Assert.Equal(OtlpTestRequests.SpanId, span.Links[0].SpanId);
        Assert.Equal(256U, span.Links[0].Flags);
    }

    [Theory]
    [InlineData("\"traceId\":\"5b8efff798038103\"", "resourceSpans[0].scopeSpans[0].spans[0].traceId must be 32 hex digits (16 bytes) but has 16 characters")]
    [InlineData("\"spanId\":\"eee19b7ec3c1b17\"", "resourceSpans[0].scopeSpans[0].spans[0].spanId must be 16 hex digits (8 bytes) but has 15 characters")]
    [InlineData("\"traceId\":\"5b8efff798038103d269b633813fc6zz\"", "spans[0].traceId must contain only hex digits")]
    [InlineData("\"parentSpanId\":\"W+GbfsPBsXQ=\"", "spans[0].parentSpanId must be 16 hex digits")]
    [InlineData("\"spanId\":42", "spans[0].spanId must be a string of hex digits")]
    [InlineData("\"links\":[{},{\"spanId\":\"xyz\"}]", "spans[0].links[1].spanId must be 16 hex digits")]
    public async Task PostTraces_InvalidHexId_Answers400NamingTheField(string idField, string expected)
    {
        var json = $$"""{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"x",{{idField}}}]}]}]}""";

        using var response = await _client.PostOtlpAsync("/v1/traces", Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var status = await ReadStatusAsync(response);
        Assert.Equal((int)Code.InvalidArgument, status.Code);
        Assert.Contains(expected, status.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Ingest.Traces);
    }

    [Fact]
    public async Task PostLogs_InvalidHexId_Answers400NamingTheField()
    {
        using var response = await _client.PostOtlpAsync("/v1/logs", Json("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{},{"traceId":"00"}]}]}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("resourceLogs[0].scopeLogs[0].logRecords[1].traceId must be 32 hex digits", (await ReadStatusAsync(response)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMetrics_InvalidExemplarId_Answers400NamingTheField()
    {
        using var response = await _client.PostOtlpAsync(
            "/v1/metrics",
            Json("""{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"sum":{"dataPoints":[{"exemplars":[{"spanId":"0g"}]}]}}]}]}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("metrics[0].sum.dataPoints[0].exemplars[0].spanId must be 16 hex digits", (await ReadStatusAsync(response)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"resourceSpans\":[")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{} {}")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"soon\"}]}]}]}")]
    [InlineData("{\"resourceSpans\":{}}")]
    public async Task PostTraces_InvalidJson_Answers400WithJsonStatus(string json)
    {
        using var response = await _client.PostOtlpAsync("/v1/traces", Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = await ReadStatusAsync(response);
        Assert.Equal((int)Code.InvalidArgument, status.Code);
        Assert.StartsWith("The request body", status.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Ingest.Traces);
    }

    [Fact]
    public async Task PostTraces_JsonNestedTooDeep_Answers400NamingTheDepth()
    {
        var deep = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"k\",\"value\":"
            + string.Concat(Enumerable.Repeat("{\"arrayValue\":{\"values\":[", 40)) + "{}"
            + string.Concat(Enumerable.Repeat("]}}", 40)) + "}]}}]}";

        using var response = await _client.PostOtlpAsync("/v1/traces", Json(deep));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("depth", (await ReadStatusAsync(response)).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PostTraces_GzipJson_IsDecompressed()
    {
        using var response = await _client.PostOtlpAsync("/v1/traces", Gzip(System.Text.Encoding.UTF8.GetBytes(CurlExample), "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ml.run", Assert.Single(_host.Ingest.Traces).ResourceSpans[0].ScopeSpans[0].Spans[0].Name);
    }

    [Fact]
    public async Task PostTraces_JsonThrottled_Answers429WithJsonStatus()
    {
        _host.Ingest.Result = IngestResult.Throttle(TimeSpan.FromSeconds(2), "spool full");

        using var response = await _client.PostOtlpAsync("/v1/traces", Json(CurlExample));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        var status = await ReadStatusAsync(response);
        Assert.Equal(TimeSpan.FromSeconds(2), status.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan());
    }
}
