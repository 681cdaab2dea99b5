using System.Buffers;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Otel.Collector.Ingest;
using Otel.Collector.Ingest.Decoding;
using Otel.Collector.Limits;
using Otel.Collector.Receivers;
using Otel.Collector.Tests.Sinks;

namespace Otel.Collector.Tests.Fuzz;

/// <summary>
/// The protobuf path of traces with the batched arrays read from the bytes (<see cref="TraceExportReader"/>, the span
/// item counter) against the object path it replaced (Google.Protobuf's whole message, the counter of 6718f3e): for the
/// fuzz seeds, generated requests around <c>ml.metrics</c>, the same in unusual wire forms, and mutations of all of
/// them, under the default limits and tight ones, both give the same counts and refusal, the same decoder error, the
/// same edge verdict and the same rows and tally, byte for byte. Nothing but the decoder's error may escape.
/// </summary>
public sealed class TraceDecodingDifferentialTests
{
    private const ulong ReceivedAt = 1_767_225_600_000_000_000;

    private static readonly EdgeLimits[] LimitSets =
    [
        new(),
        new() { MaxArrayLength = 8, MaxAttributeValueBytes = 6, MaxAttributeCount = 5 },
        new() { MaxValueDepth = 0, MaxAttributesPerRequest = 40, MaxDecodedItemsPerRequest = 300 },
    ];

    [Fact]
    public void BytePath_SeedsAndGeneratedRequests_MatchTheObjectPath()
    {
        var random = new Random(8);
        var inputs = FuzzSeeds.Traces().ToList();
        for (var i = 0; i < 1500; i++)
        {
            var request = BatchedMetricRequests.Generate(random).ToByteArray();
            inputs.Add(i % 2 == 0 ? request : WireShuffler.Shuffle(request, OtlpMessage.TraceRequest, random));
        }

        var extracted = AssertSame(inputs, random, segmented: false);
        Assert.True(extracted > inputs.Count / 4, $"the arrays of only {extracted} of {inputs.Count} requests were read from the bytes");
    }

    [Fact]
    public void BytePath_MutatedRequests_MatchTheObjectPath()
    {
        var random = new Random(88);
        var mutator = new Mutator(88);
        var seeds = FuzzSeeds.Traces().Concat(Enumerable.Range(0, 40).Select(_ => BatchedMetricRequests.Generate(random).ToByteArray())).ToList();
        var inputs = new List<byte[]>();
        for (var i = 0; i < 4000; i++)
        {
            inputs.Add(mutator.MutateProtobuf(seeds[i % seeds.Count], seeds[(i + 1) % seeds.Count]).Bytes);
        }

        AssertSame(inputs, random, segmented: true);
    }

    /// <summary>Compares both paths on every input; returns how many inputs had arrays read from the bytes.</summary>
    private static int AssertSame(List<byte[]> inputs, Random random, bool segmented)
    {
        var mutator = new Mutator(random.Next());
        var failures = new List<string>();
        var extracted = 0;
        for (var i = 0; i < inputs.Count && failures.Count < 5; i++)
        {
            var limits = LimitSets[i % LimitSets.Length];
            var input = segmented && i % 2 == 0 ? mutator.Segmented(inputs[i]) : new ReadOnlySequence<byte>(inputs[i]);
            var expected = Outcome(input, limits, bytePath: false, out _);
            var before = GC.GetAllocatedBytesForCurrentThread();
            string actual;
            try
            {
                actual = Outcome(input, limits, bytePath: true, out var readFromBytes);
                extracted += readFromBytes ? 1 : 0;
            }
            catch (Exception ex)
            {
                actual = $"{ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}";
            }

            if (expected != actual)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"input {i} ({Convert.ToHexString(inputs[i].AsSpan(0, Math.Min(64, inputs[i].Length)))}…):\nobject path: {expected}\nbyte path:   {actual}"));
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated > 4 * OtlpProtobufFuzzTests.AllocationBound(inputs[i].Length))
            {
                failures.Add($"input {i}: the byte path allocated {allocated} bytes for {inputs[i].Length} input bytes");
            }
        }

        Assert.Empty(failures);
        return extracted;
    }

    /// <summary>What the receivers and ingest make of <paramref name="input"/>: counts and refusal, decoder error, edge verdict, rows.</summary>
    private static string Outcome(ReadOnlySequence<byte> input, EdgeLimits limits, bool bytePath, out bool readFromBytes)
    {
        readFromBytes = false;
        var text = new StringBuilder();
        var counts = bytePath ? OtlpProtobufItemCounter.Count(input, OtlpSignal.Traces) : ReferenceProtobufItemCounter.Count(input, OtlpSignal.Traces);
        text.Append(CultureInfo.InvariantCulture, $"counts {counts.Spans}/{counts.Attributes}/{counts.Items}; refusal {counts.Refusal(limits, OtlpSignal.Traces)}\n");
        TraceExport export;
        try
        {
            export = bytePath
                ? TraceExportReader.Read(input, OtlpParsers.Traces, limits.MetricArrays)
                : TraceExport.FromMessage(OtlpParsers.Traces.ParseFrom(input));
        }
        catch (InvalidProtocolBufferException ex)
        {
            return text.Append("invalid: ").Append(ex.Message).ToString();
        }

        readFromBytes = export.ArrayPoints.Count > 0;
        var verdict = new EdgeLimitChecker(limits).Enforce(export.Request);
        text.Append(CultureInfo.InvariantCulture, $"verdict {verdict.Rejected} {verdict.Message} {verdict.Refusal}\n");
        return text.Append(Encoding.UTF8.GetString(RowSnapshotTests.Dump(TraceDecoder.Decode(export, ReceivedAt)))).ToString();
    }
}
