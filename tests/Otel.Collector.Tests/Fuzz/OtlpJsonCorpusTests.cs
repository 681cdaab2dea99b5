using System.Buffers;
using System.Text;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Receivers.Http;

namespace Otel.Collector.Tests.Fuzz;

/// <summary>
/// A fixed corpus of hostile OTLP/JSON trace bodies, each decoded (and then carried safely through
/// the edge limits, decoding, processors and sinks) or refused with a reason containing a given text.
/// </summary>
public sealed class OtlpJsonCorpusTests
{
    private const string AnyReason = "";

    public static TheoryData<string> Cases => [.. Corpus().Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void HostileJson_IsDecodedOrRefusedAsExpected(string name)
    {
        var (body, refusal) = Corpus()[name];

        var reason = OtlpJsonFuzzTests.Decode<ExportTraceServiceRequest>(new ReadOnlySequence<byte>(body), OtlpJsonIds.RewriteTraces, out var message);
        TestContext.Current.TestOutputHelper?.WriteLine(reason ?? "decoded");

        if (refusal is null)
        {
            Assert.True(reason is null, $"refused: {reason}");
            Assert.Null(FuzzTargets.Traces(message!));
        }
        else
        {
            Assert.NotNull(reason);
            Assert.Contains(refusal, reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SurrogatePairEscape_DecodesToTheCharacter()
    {
        var request = DecodeSpan("\"name\":\"run \\ud83d\\ude80\"");

        Assert.Equal("run \U0001F680", request.Name);
    }

    [Fact]
    public void LargestUnsignedTimestampAsANumber_IsExact()
    {
        var request = DecodeSpan("\"startTimeUnixNano\":18446744073709551615");

        Assert.Equal(ulong.MaxValue, request.StartTimeUnixNano);
    }

    private static OpenTelemetry.Proto.Trace.V1.Span DecodeSpan(string fields)
    {
        var body = Encoding.UTF8.GetBytes(Spans($"{{{fields}}}"));
        Assert.Null(OtlpJsonFuzzTests.Decode<ExportTraceServiceRequest>(new ReadOnlySequence<byte>(body), OtlpJsonIds.RewriteTraces, out var request));
        return request!.ResourceSpans[0].ScopeSpans[0].Spans[0];
    }

    private static string Spans(string spans) => $"{{\"resourceSpans\":[{{\"scopeSpans\":[{{\"spans\":[{spans}]}}]}}]}}";

    private static string Attribute(string key, string value) => Spans($"{{\"attributes\":[{{\"key\":{key},\"value\":{value}}}]}}");

    private static Dictionary<string, (byte[] Body, string? Refusal)> Corpus()
    {
        var cases = new Dictionary<string, (string Body, string? Refusal)>
        {
            ["empty body"] = ("", "not valid JSON"),
            ["whitespace only"] = ("  \n ", "not valid JSON"),
            ["array at the root"] = ("[]", "must be a JSON object"),
            ["string at the root"] = ("\"x\"", "must be a JSON object"),
            ["two objects"] = ("{} {}", "not valid JSON"),
            ["empty object"] = ("{}", null),
            ["byte order mark"] = ("\uFEFF{}", null),
            ["10,000 open brackets"] = (new string('[', 10_000), "depth"),
            ["attributes nested 70 deep"] = (Attribute("\"k\"", string.Concat(Enumerable.Repeat("{\"arrayValue\":{\"values\":[", 70)) + "{}" + string.Concat(Enumerable.Repeat("]}}", 70))), "depth"),
            ["attributes nested 17 deep, within the JSON depth (decodes, the edge rejects it)"] = (Attribute("\"k\"", string.Concat(Enumerable.Repeat("{\"arrayValue\":{\"values\":[", 17)) + "{}" + string.Concat(Enumerable.Repeat("]}}", 17))), null),
            ["unpaired high surrogate in a value"] = (Attribute("\"k\"", "{\"stringValue\":\"a\\ud800b\"}"), "surrogate"),
            ["unpaired low surrogate in a key"] = (Attribute("\"k\\udc00\"", "{\"stringValue\":\"v\"}"), "surrogate"),
            ["unpaired surrogate in a field name"] = ("{\"resource\\ud800Spans\":[]}", "surrogate"),
            ["reversed surrogate pair"] = (Spans("{\"name\":\"\\ude80\\ud83d\"}"), "surrogate"),
            ["escaped NUL and controls"] = (Spans("{\"name\":\"a\\u0000b\\u001f\"}"), null),
            ["raw control character in a string"] = (Spans("{\"name\":\"a\u0001b\"}"), "not valid JSON"),
            ["int as text that is not a number"] = (Attribute("\"k\"", "{\"intValue\":\"abc\"}"), AnyReason),
            ["int of 1e400"] = (Attribute("\"k\"", "{\"intValue\":1e400}"), AnyReason),
            ["int past 64 bits"] = (Attribute("\"k\"", "{\"intValue\":\"99999999999999999999\"}"), AnyReason),
            ["int past 64 bits as a number"] = (Attribute("\"k\"", "{\"intValue\":99999999999999999999}"), AnyReason),
            ["negative unsigned timestamp"] = (Spans("{\"startTimeUnixNano\":-1}"), AnyReason),
            ["fractional timestamp"] = (Spans("{\"startTimeUnixNano\":1.5}"), AnyReason),
            ["double NaN and Infinity as text"] = (Attribute("\"k\"", "{\"arrayValue\":{\"values\":[{\"doubleValue\":\"NaN\"},{\"doubleValue\":\"-Infinity\"}]}}"), null),
            ["double of 1e400"] = (Attribute("\"k\"", "{\"doubleValue\":1e400}"), AnyReason),
            ["number where a string belongs"] = (Spans("{\"name\":5}"), AnyReason),
            ["object where a list belongs"] = ("{\"resourceSpans\":{}}", AnyReason),
            ["null list"] = ("{\"resourceSpans\":null}", null),
            ["null inside a list"] = ("{\"resourceSpans\":[null]}", AnyReason),
            ["unknown fields at every level"] = ("{\"x\":1,\"resourceSpans\":[{\"y\":[],\"scopeSpans\":[{\"z\":{},\"spans\":[{\"w\":null}]}]}]}", null),
            ["repeated property name"] = ("{\"resourceSpans\":[],\"resourceSpans\":[]}", AnyReason),
            ["unknown enum number"] = (Spans("{\"kind\":99}"), null),
            ["enum as a name"] = (Spans("{\"kind\":\"SPAN_KIND_SERVER\"}"), null),
            ["empty ids mean absent"] = (Spans("{\"traceId\":\"\",\"spanId\":\"\"}"), null),
            ["trace id of 5 digits"] = (Spans("{\"traceId\":\"abcde\"}"), "traceId must be 32 hex digits (16 bytes) but has 5 characters"),
            ["span id not hex"] = (Spans("{\"spanId\":\"zzzzzzzzzzzzzzzz\"}"), "spanId must contain only hex digits"),
            ["id as a number"] = (Spans("{\"traceId\":12}"), "traceId must be a string of hex digits"),
            ["link id in snake case"] = (Spans("{\"links\":[{\"trace_id\":\"xyz\"}]}"), "resourceSpans[0].scopeSpans[0].spans[0].links[0].trace_id must be 32 hex digits"),
            ["one-megabyte string"] = (Spans($"{{\"name\":\"{new string('n', 1024 * 1024)}\"}}"), null),
        };

        var corpus = cases.ToDictionary(c => c.Key, c => (Encoding.UTF8.GetBytes(c.Value.Body), c.Value.Refusal));
        corpus["invalid UTF-8 byte in a string"] = (Utf8With(Spans("{\"name\":\"aQb\"}"), [0xFF]), "not valid UTF-8 (byte 0xFF)");
        corpus["overlong UTF-8 in a key"] = (Utf8With(Attribute("\"Q\"", "{}"), [0xC0, 0x80]), "not valid UTF-8");
        corpus["UTF-8-encoded surrogate"] = (Utf8With(Spans("{\"name\":\"Q\"}"), [0xED, 0xA0, 0x80]), "not valid UTF-8");
        corpus["UTF-8 cut inside a character at the end"] = ([.. Encoding.UTF8.GetBytes("{\"a\":\"x\"}"), 0xE2, 0x82], AnyReason);
        corpus["UTF-16 body"] = (Encoding.Unicode.GetBytes("{}"), AnyReason);
        return corpus;
    }

    /// <summary>The UTF-8 of <paramref name="json"/> with its one <c>Q</c> replaced by <paramref name="bytes"/>.</summary>
    private static byte[] Utf8With(string json, byte[] bytes)
    {
        var at = json.IndexOf('Q', StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(json[..at]), .. bytes, .. Encoding.UTF8.GetBytes(json[(at + 1)..])];
    }
}
