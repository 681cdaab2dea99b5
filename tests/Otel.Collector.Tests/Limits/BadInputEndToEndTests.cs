using System.Net;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Tests.EndToEnd;
using Otel.Collector.Tests.Infrastructure;
using static Otel.Collector.Tests.Receivers.OtlpHttpTestClient;

namespace Otel.Collector.Tests.Limits;

/// <summary>
/// A real collector on loopback sockets over embedded ClickHouse takes a good request, then every
/// kind of bad one, then a good one again: each bad request gets its status and a reason that says
/// what is wrong, nothing of them is stored, both good ones are, and the collector still answers.
/// </summary>
public sealed class BadInputEndToEndTests
{
    private const int BodyLimit = 1024 * 1024;

    [Fact]
    public async Task EveryKindOfBadRequest_GetsAClearError_AndTheGoodRequestsAroundThemAreKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var collector = await RunningCollector.StartAsync("bad_input", o =>
        {
            o.Receivers.MaxRequestBodyBytes = BodyLimit;
            o.Receivers.Limits.MaxDataPointsPerRequest = 1000;
        });
        var experiment = $"bad-input-{Guid.NewGuid():N}";

        await OtlpSpans.SendAsync(collector.Api, Run(experiment, "before"), ct);

        var failures = new List<string>();
        foreach (var bad in BadRequests(experiment))
        {
            // With 100-continue, as curl sends large bodies, the collector refuses an over-limit body before it is
            // sent; without it the client may still be writing when the 413 closes the connection (broken pipe).
            using var request = new HttpRequestMessage(HttpMethod.Post, bad.Path) { Content = bad.Content() };
            request.Headers.ExpectContinue = true;
            using var response = await collector.Api.SendAsync(request, ct).WaitAsync(TestTimeouts.Default, ct);
            var status = await ReadStatusAsync(response);
            if (response.StatusCode != bad.Status || !status.Message.Contains(bad.Reason, StringComparison.Ordinal))
            {
                failures.Add($"{bad.Name}: expected {(int)bad.Status} with \"{bad.Reason}\", got {(int)response.StatusCode} \"{status.Message}\"");
            }
        }

        Assert.Empty(failures);
        await OverLimitSpan_IsRejectedThroughPartialSuccess(collector, experiment, ct);
        await Grpc_MalformedAndInvalidUtf8_AreInvalidArgument(collector, experiment, ct);

        await OtlpSpans.SendAsync(collector.Api, Run(experiment, "after"), ct);

        // Only the two good runs exist: no bad request left anything behind.
        var runs = await RunningCollector.EventuallyAsync(() => collector.ListRunsAsync(experiment), r => r.Count >= 2, TimeSpan.FromSeconds(10));
        Assert.Equal(["after", "before"], runs.Select(r => r.Name).Order());
        using var healthz = await collector.Api.GetAsync("healthz", ct).WaitAsync(TestTimeouts.Default, ct);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal("ok", await healthz.Content.ReadAsStringAsync(ct));
    }

    private static async Task OverLimitSpan_IsRejectedThroughPartialSuccess(RunningCollector collector, string experiment, CancellationToken ct)
    {
        var span = OtlpSpans.RunSpan("ml.run", "over-limit", experiment, "over-limit");
        span.Events.Add(Enumerable.Range(0, 1025).Select(i => new Span.Types.Event { Name = "tick", TimeUnixNano = OtlpRequests.T0 + (ulong)i }));
        using var content = Protobuf(OtlpSpans.Request([], span));

        using var response = await collector.Api.PostAsync("v1/traces", content, ct).WaitAsync(TestTimeouts.Default, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(ct));
        Assert.Equal(1, answer.PartialSuccess.RejectedSpans);
        Assert.Contains("the span has 1025 events, over the collector's limit MaxEventsPerSpan = 1024", answer.PartialSuccess.ErrorMessage, StringComparison.Ordinal);
    }

    private static async Task Grpc_MalformedAndInvalidUtf8_AreInvalidArgument(RunningCollector collector, string experiment, CancellationToken ct)
    {
        using var channel = GrpcChannel.ForAddress(collector.Host.GrpcEndpoint);
        var invoker = channel.CreateCallInvoker();
        var raw = new Method<byte[], byte[]>(
            MethodType.Unary, "opentelemetry.proto.collector.trace.v1.TraceService", "Export", Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

        foreach (var (body, reason) in new[] { (Malformed, "is not a valid ExportTraceServiceRequest"), (InvalidUtf8(experiment), "invalid UTF-8") })
        {
            var ex = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(raw, null, new CallOptions(cancellationToken: ct), body).ResponseAsync.WaitAsync(TestTimeouts.Default, ct));
            Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
            Assert.Contains(reason, ex.Status.Detail, StringComparison.Ordinal);
        }
    }

    private static readonly byte[] Malformed = [0x0A, 0xFF, 0xFF];

    private static IEnumerable<BadRequest> BadRequests(string experiment)
    {
        var good = Run(experiment, "bad").ToByteArray();
        yield return new("malformed protobuf", "v1/traces", () => Body(Malformed, "application/x-protobuf"), HttpStatusCode.BadRequest, "is not a valid protobuf ExportTraceServiceRequest");
        yield return new("truncated protobuf", "v1/traces", () => Body(good[..^7], "application/x-protobuf"), HttpStatusCode.BadRequest, "truncated");
        yield return new("length prefix past the end", "v1/traces", () => Body([0x0A, 0xFF, 0xFF, 0xFF, 0x7F, 0x0A], "application/x-protobuf"), HttpStatusCode.BadRequest, "truncated");
        yield return new("invalid UTF-8 in a protobuf string", "v1/traces", () => Body(InvalidUtf8(experiment), "application/x-protobuf"), HttpStatusCode.BadRequest, "String is invalid UTF-8");
        yield return new("malformed protobuf logs", "v1/logs", () => Body(Malformed, "application/x-protobuf"), HttpStatusCode.BadRequest, "ExportLogsServiceRequest");
        yield return new("body over the limit", "v1/traces", () => Protobuf(Run(experiment, new string('x', 2 * BodyLimit))), HttpStatusCode.RequestEntityTooLarge, $"exceeds the limit of {BodyLimit} bytes");
        yield return new("gzip bomb", "v1/traces", () => Gzip(Run(experiment, new string('x', 16 * BodyLimit)).ToByteArray(), "application/x-protobuf"), HttpStatusCode.RequestEntityTooLarge, "after gzip decompression exceeds the limit");
        yield return new("broken gzip", "v1/traces", () => BrokenGzip(good), HttpStatusCode.BadRequest, "not valid gzip");
        yield return new("unsupported encoding", "v1/traces", () => WithEncoding(Body(good, "application/x-protobuf"), "br"), HttpStatusCode.UnsupportedMediaType, "Content-Encoding 'br' is not supported");
        yield return new("unknown content type", "v1/traces", () => Body(good, "text/plain"), HttpStatusCode.UnsupportedMediaType, "send application/x-protobuf or application/json");
        yield return new("no content type", "v1/traces", () => new ByteArrayContent(good), HttpStatusCode.UnsupportedMediaType, "A request without Content-Type is not supported");
        yield return new("invalid JSON", "v1/traces", () => Json("{\"resourceSpans\": ["), HttpStatusCode.BadRequest, "not valid JSON");
        yield return new("JSON of the wrong shape", "v1/traces", () => Json("{\"resourceSpans\": \"none\"}"), HttpStatusCode.BadRequest, "not a valid OTLP/JSON ExportTraceServiceRequest");
        yield return new("JSON id not hex", "v1/traces", () => Json(JsonRun(experiment, new string('z', 32), "\"bad\"")), HttpStatusCode.BadRequest, "resourceSpans[0].scopeSpans[0].spans[0].traceId must contain only hex digits");
        yield return new("JSON id too short", "v1/traces", () => Json(JsonRun(experiment, "abc", "\"bad\"")), HttpStatusCode.BadRequest, "traceId must be 32 hex digits (16 bytes) but has 3 characters");
        yield return new("JSON with invalid UTF-8", "v1/traces", () => Body(JsonInvalidUtf8(experiment), "application/json"), HttpStatusCode.BadRequest, "not valid UTF-8 (byte 0xFF)");
        yield return new("JSON with an unpaired surrogate", "v1/traces", () => Json(JsonRun(experiment, "5b8efff798038103d269b633813fc60c", "\"bad\\ud800\"")), HttpStatusCode.BadRequest, "surrogate");
        yield return new("JSON nested too deep", "v1/traces", () => Json(JsonRun(experiment, "5b8efff798038103d269b633813fc60c", "\"bad\"", Deep(100))), HttpStatusCode.BadRequest, "depth");
        yield return new("metrics over the point limit", "v1/metrics", () => Protobuf(LimitRequests.GaugeRequest("m", [.. Enumerable.Range(0, 1001).Select(i => LimitRequests.Point(i))])), HttpStatusCode.RequestEntityTooLarge, "carries 1001 metric data points, over the collector's limit MaxDataPointsPerRequest = 1000");
    }

    private static ExportTraceServiceRequest Run(string experiment, string name) =>
        OtlpSpans.Request([OtlpRequests.Attr("service.name", "bad-input")], OtlpSpans.RunSpan("ml.run", $"{name[..Math.Min(name.Length, 16)]}-{Guid.NewGuid():N}", experiment, name));

    /// <summary>A valid request whose span name holds a byte that is never valid UTF-8.</summary>
    private static byte[] InvalidUtf8(string experiment)
    {
        var bytes = Run(experiment, "utf8-marker-QQQQ").ToByteArray();
        var at = bytes.AsSpan().IndexOf("QQQQ"u8);
        bytes[at] = 0xFF;
        return bytes;
    }

    private static byte[] JsonInvalidUtf8(string experiment)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonRun(experiment, "5b8efff798038103d269b633813fc60c", "\"bad-QQQQ\""));
        bytes[bytes.AsSpan().IndexOf("QQQQ"u8)] = 0xFF;
        return bytes;
    }

    private static string JsonRun(string experiment, string traceId, string runNameJson, string extraValue = "\"x\"") => $$$"""
        {"resourceSpans":[{"scopeSpans":[{"spans":[{
          "traceId":"{{{traceId}}}","spanId":"eee19b7ec3c1b174","name":"ml.run",
          "startTimeUnixNano":"1767225600000000000","endTimeUnixNano":"1767225660000000000",
          "attributes":[
            {"key":"ml.run.id","value":{"stringValue":"json-bad-{{{Guid.NewGuid():N}}}"}},
            {"key":"ml.experiment.name","value":{"stringValue":"{{{experiment}}}"}},
            {"key":"ml.run.name","value":{"stringValue":{{{runNameJson}}}}},
            {"key":"extra","value":{{{extraValue}}}}
          ]}]}]}]}
        """;

    /// <summary>An AnyValue of <paramref name="depth"/> nested arrays, in OTLP/JSON.</summary>
    private static string Deep(int depth) =>
        string.Concat(Enumerable.Repeat("{\"arrayValue\":{\"values\":[", depth)) + "{\"stringValue\":\"leaf\"}" + string.Concat(Enumerable.Repeat("]}}", depth));

    private static ByteArrayContent WithEncoding(ByteArrayContent content, string encoding)
    {
        content.Headers.ContentEncoding.Add(encoding);
        return content;
    }

    /// <summary>A gzip header followed by a deflate stream that is garbage.</summary>
    private static ByteArrayContent BrokenGzip(byte[] body)
    {
        var bytes = Compress(body);
        for (var i = 10; i < bytes.Length; i++)
        {
            bytes[i] = 0xFF;
        }

        return WithEncoding(Body(bytes, "application/x-protobuf"), "gzip");
    }

    private sealed record BadRequest(string Name, string Path, Func<HttpContent> Content, HttpStatusCode Status, string Reason);
}
