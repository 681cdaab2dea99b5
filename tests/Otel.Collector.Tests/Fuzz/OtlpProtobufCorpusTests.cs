using System.Buffers;
using System.Text;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace Otel.Collector.Tests.Fuzz;

/// <summary>
/// A fixed corpus of hostile protobuf bodies, each with what must happen to it: decoded (then
/// carried safely through the edge limits, decoding, processors and sinks) or refused by the decoder with a reason
/// containing a given text. Every case also keeps decoding allocation linear in its size, so no
/// length prefix ever sizes an allocation.
/// </summary>
public sealed class OtlpProtobufCorpusTests
{
    /// <summary>Any reason will do: the decoder refuses, how it words it is its own business.</summary>
    private const string AnyReason = "";

    public static TheoryData<string> Cases => [.. Corpus().Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void HostileBody_IsDecodedOrRefusedAsExpected_WithinBoundedAllocation(string name)
    {
        var (signal, bytes, refusal) = Corpus()[name];

        var (reason, allocated, downstream) = signal switch
        {
            "traces" => Run(ExportTraceServiceRequest.Parser, bytes, FuzzTargets.Traces),
            "metrics" => Run(ExportMetricsServiceRequest.Parser, bytes, FuzzTargets.Metrics),
            _ => Run(ExportLogsServiceRequest.Parser, bytes, FuzzTargets.Logs),
        };
        TestContext.Current.TestOutputHelper?.WriteLine(reason ?? "decoded");

        Assert.True(allocated <= OtlpProtobufFuzzTests.AllocationBound(bytes.Length), $"decoding {bytes.Length} bytes allocated {allocated} bytes");
        if (refusal is null)
        {
            Assert.True(reason is null, $"refused: {reason}");
            Assert.Null(downstream);
        }
        else
        {
            Assert.NotNull(reason);
            Assert.Contains(refusal, reason, StringComparison.Ordinal);
        }
    }

    private static (string? Reason, long Allocated, string? Downstream) Run<T>(MessageParser<T> parser, byte[] bytes, Func<T, string?> downstream)
        where T : IMessage<T>
    {
        var reason = OtlpProtobufFuzzTests.Decode(parser, new ReadOnlySequence<byte>(bytes), out var message, out var allocated);
        return (reason, allocated, reason is null ? downstream(message!) : null);
    }

    private static Dictionary<string, (string Signal, byte[] Bytes, string? Refusal)> Corpus()
    {
        var valid = FuzzSeeds.Traces()[0];
        var traceId = Field(1, new byte[16].Select((_, i) => (byte)(i + 1)).ToArray());
        var spanId = Field(2, [1, 2, 3, 4, 5, 6, 7, 8]);
        return new()
        {
            ["empty body"] = ("traces", [], null),
            ["length prefix past the end"] = ("traces", [0x0A, 0x10, 0x00], AnyReason),
            ["length prefix past the end, nothing after it"] = ("traces", [0x0A, 0x10], "truncated"),
            ["length prefix of 2^32-1"] = ("traces", [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00], AnyReason),
            ["length prefix of 2^63"] = ("traces", [0x0A, .. Mutator.Varint(1UL << 63), 0x00], AnyReason),
            ["eleven-byte varint"] = ("traces", [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], "malformed varint"),
            ["varint cut short"] = ("traces", [0x0A, 0xFF], AnyReason),
            ["field number zero"] = ("traces", [0x00, 0x00], AnyReason),
            ["undefined wire type 6"] = ("traces", [0x0E, 0x00], AnyReason),
            ["end-group without a start"] = ("traces", [.. Tag(99, 4)], AnyReason),
            ["group never closed"] = ("traces", [.. Tag(99, 3), .. Tag(1, 0), 0x00], AnyReason),
            ["truncated valid request"] = ("traces", valid[..(valid.Length / 2)], AnyReason),
            ["string claiming 100 MB inside a span"] = ("traces", Traces([.. Tag(5, 2), .. Mutator.Varint(100_000_000), .. "abcd"u8]), AnyReason),
            ["bytes claiming 2 GiB inside a span"] = ("traces", Traces([.. Tag(1, 2), .. Mutator.Varint(int.MaxValue), 1, 2, 3]), AnyReason),
            ["invalid UTF-8 in a span name"] = ("traces", Traces([.. traceId, .. spanId, .. Field(5, [0x61, 0xFF, 0x62])]), "invalid UTF-8"),
            ["overlong UTF-8 in a span name"] = ("traces", Traces([.. traceId, .. spanId, .. Field(5, [0xC0, 0x80])]), "invalid UTF-8"),
            ["UTF-8-encoded surrogate in an attribute key"] = ("traces", Traces([.. traceId, .. spanId, .. Field(9, Field(1, [0xED, 0xA0, 0x80]))]), "invalid UTF-8"),
            ["valid four-byte UTF-8"] = ("traces", Traces([.. traceId, .. spanId, .. Field(5, Encoding.UTF8.GetBytes("run \U0001F680"))]), null),
            ["AnyValue nested 1,000 deep"] = ("traces", Traces([.. traceId, .. spanId, .. Field(9, [.. Field(1, "k"u8.ToArray()), .. Field(2, NestedAnyValue(1000))])]), "nesting"),
            ["AnyValue nested 40 deep (decodes, the edge rejects it)"] = ("traces", Traces([.. traceId, .. spanId, .. Field(9, [.. Field(1, "k"u8.ToArray()), .. Field(2, NestedAnyValue(40))])]), null),
            ["unknown fields of every wire type"] = ("traces", [.. valid, .. Tag(99, 0), 0x05, .. Tag(98, 1), 1, 2, 3, 4, 5, 6, 7, 8, .. Tag(97, 5), 1, 2, 3, 4, .. Field(96, [1, 2, 3]), .. Tag(95, 3), .. Tag(1, 0), 0x01, .. Tag(95, 4)], null),
            ["100,000 empty spans"] = ("traces", Field(1, Field(2, [.. Enumerable.Repeat<byte[]>([0x12, 0x00], 100_000).SelectMany(b => b)])), null),
            ["50,000 empty resource spans"] = ("traces", [.. Enumerable.Repeat<byte[]>([0x0A, 0x00], 50_000).SelectMany(b => b)], null),
            ["packed doubles claiming 2 GiB"] = ("metrics", Histogram([.. Tag(7, 2), .. Mutator.Varint(0x7FFFFFF8), .. new byte[16]]), AnyReason),
            ["packed fixed64 claiming 2^31 entries"] = ("metrics", Histogram([.. Tag(6, 2), .. Mutator.Varint(0x7FFFFFF8), .. new byte[16]]), AnyReason),
            ["packed length not a multiple of 8"] = ("metrics", Histogram([.. Tag(6, 2), 0x03, 1, 2, 3]), AnyReason),
            ["log body nested 1,000 deep"] = ("logs", Field(1, Field(2, Field(2, Field(5, NestedAnyValue(1000))))), "nesting"),
            ["log with 1 MiB trace id"] = ("logs", Field(1, Field(2, Field(2, Field(9, new byte[1024 * 1024])))), null),
        };
    }

    /// <summary>A request of one resource with one scope with one span of the given encoded fields.</summary>
    private static byte[] Traces(byte[] span) => Field(1, Field(2, Field(2, span)));

    /// <summary>A metrics request with one histogram of one data point of the given encoded fields.</summary>
    private static byte[] Histogram(byte[] point) => Field(1, Field(2, Field(2, [.. Field(1, "h"u8.ToArray()), .. Field(9, Field(1, point))])));

    /// <summary>An AnyValue of <paramref name="depth"/> arrays around a string.</summary>
    private static byte[] NestedAnyValue(int depth)
    {
        var value = Field(1, "leaf"u8.ToArray());
        for (var i = 0; i < depth; i++)
        {
            value = Field(5, Field(1, value));
        }

        return value;
    }

    private static byte[] Tag(int field, int wireType) => Mutator.Varint((ulong)((field << 3) | wireType));

    private static byte[] Field(int field, byte[] body) => [.. Tag(field, 2), .. Mutator.Varint((ulong)body.Length), .. body];
}
