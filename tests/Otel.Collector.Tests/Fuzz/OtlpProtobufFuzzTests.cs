using System.Buffers;
using System.Globalization;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace Otel.Collector.Tests.Fuzz;

/// <summary>
/// Mutated protobuf export requests (bit flips, truncation, random length prefixes and varints,
/// corrupted wire types, splices, random bytes), deterministic per seed, fed through the decoder
/// the receivers use (a possibly multi-segment <see cref="ReadOnlySequence{T}"/>) and on through
/// the edge limits, decoding, processors and sinks. Only <see cref="InvalidProtocolBufferException"/> may
/// escape (the receivers turn it into HTTP 400 / INVALID_ARGUMENT), decoding allocates at most
/// linearly in the input, and every decoded item is accounted for.
/// </summary>
public sealed class OtlpProtobufFuzzTests
{
    /// <summary>
    /// Decoding may allocate this many bytes per input byte, plus <see cref="AllocationSlack"/>. The
    /// objects of empty messages are far larger than their two bytes on the wire: the worst known
    /// case, a request of nothing but empty spans, allocates about 127 bytes per input byte.
    /// </summary>
    internal const int AllocationPerInputByte = 192;

    internal const int AllocationSlack = 64 * 1024;

    private const int Iterations = 8000;

    [Fact]
    public void Traces_MutatedRequests_OnlyTheDecodersErrorEscapes() =>
        Fuzz(FuzzSeeds.Traces(), ExportTraceServiceRequest.Parser, FuzzTargets.Traces, seed: 101);

    [Fact]
    public void Metrics_MutatedRequests_OnlyTheDecodersErrorEscapes() =>
        Fuzz(FuzzSeeds.Metrics(), ExportMetricsServiceRequest.Parser, FuzzTargets.Metrics, seed: 202);

    [Fact]
    public void Logs_MutatedRequests_OnlyTheDecodersErrorEscapes() =>
        Fuzz(FuzzSeeds.Logs(), ExportLogsServiceRequest.Parser, FuzzTargets.Logs, seed: 303);

    private static void Fuzz<T>(IReadOnlyList<byte[]> seeds, MessageParser<T> parser, Func<T, string?> downstream, int seed)
        where T : IMessage<T>
    {
        foreach (var valid in seeds)
        {
            Assert.Null(downstream(parser.ParseFrom(valid)));
        }

        var mutator = new Mutator(seed);
        var failures = new List<string>();
        int decoded = 0, refused = 0;
        double worstShare = 0;
        for (var i = 0; i < Iterations && failures.Count < 10; i++)
        {
            var (bytes, how) = mutator.MutateProtobuf(seeds[i % seeds.Count], seeds[(i + 1) % seeds.Count]);
            var input = mutator.Segmented(bytes);
            try
            {
                var outcome = Decode(parser, input, out var message, out var allocated);
                worstShare = Math.Max(worstShare, (double)allocated / AllocationBound(bytes.Length));
                if (allocated > AllocationBound(bytes.Length))
                {
                    failures.Add(Describe(seed, i, how, bytes, $"decoding allocated {allocated} bytes for {bytes.Length} input bytes"));
                }

                if (outcome is null)
                {
                    decoded++;
                    if (downstream(message!) is { } wrong)
                    {
                        failures.Add(Describe(seed, i, how, bytes, wrong));
                    }
                }
                else
                {
                    refused++;
                }
            }
            catch (Exception ex)
            {
                failures.Add(Describe(seed, i, how, bytes, $"{ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}"));
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            string.Create(CultureInfo.InvariantCulture, $"{decoded} decoded, {refused} refused; decoding allocated at most {worstShare:P0} of the bound"));
        Assert.Empty(failures);

        // Both paths must be exercised, or the fuzzer proves nothing.
        Assert.True(decoded > Iterations / 20, $"only {decoded} of {Iterations} mutated inputs decoded");
        Assert.True(refused > Iterations / 20, $"only {refused} of {Iterations} mutated inputs were refused");
    }

    /// <summary>Decodes as the receivers do; null, or the decoder's reason. Any other exception propagates.</summary>
    internal static string? Decode<T>(MessageParser<T> parser, ReadOnlySequence<byte> input, out T? message, out long allocated)
        where T : IMessage<T>
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            message = parser.ParseFrom(input);
            return null;
        }
        catch (InvalidProtocolBufferException ex)
        {
            message = default;
            return ex.Message;
        }
        finally
        {
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    internal static long AllocationBound(long inputBytes) => (AllocationPerInputByte * inputBytes) + AllocationSlack;

    private static string Describe(int seed, int iteration, string how, byte[] bytes, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"seed {seed} iteration {iteration} ({how}; {bytes.Length} bytes, starting {Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 48)))}): {what}");
}
