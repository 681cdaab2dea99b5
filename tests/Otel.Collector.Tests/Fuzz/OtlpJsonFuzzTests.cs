using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Receivers;
using Otel.Collector.Receivers.Http;

namespace Otel.Collector.Tests.Fuzz;

/// <summary>
/// Mutated OTLP/JSON bodies (deleted and inserted structure, extreme numbers, unpaired surrogate
/// escapes, invalid UTF-8, broken hex ids, replaced values, splices, random bytes), deterministic
/// per seed, through the receivers' JSON decoder and on through the edge limits, decoding, processors and sinks.
/// Only <see cref="OtlpJsonException"/> may escape the decoder (HTTP 400 with its message).
/// </summary>
public sealed class OtlpJsonFuzzTests
{
    private const int Iterations = 2500;

    [Fact]
    public void Traces_MutatedJson_OnlyTheDecodersErrorEscapes() =>
        Fuzz<ExportTraceServiceRequest>(FuzzSeeds.Json.Traces, OtlpJsonIds.RewriteTraces, FuzzTargets.Traces, seed: 404);

    [Fact]
    public void Metrics_MutatedJson_OnlyTheDecodersErrorEscapes() =>
        Fuzz<ExportMetricsServiceRequest>(FuzzSeeds.Json.Metrics, OtlpJsonIds.RewriteMetrics, FuzzTargets.Metrics, seed: 505);

    [Fact]
    public void Logs_MutatedJson_OnlyTheDecodersErrorEscapes() =>
        Fuzz<ExportLogsServiceRequest>(FuzzSeeds.Json.Logs, OtlpJsonIds.RewriteLogs, FuzzTargets.Logs, seed: 606);

    /// <summary>Decodes as the HTTP receiver does; null, or the decoder's reason. Any other exception propagates.</summary>
    internal static string? Decode<T>(ReadOnlySequence<byte> body, Action<JsonObject> rewriteIds, out T? message)
        where T : IMessage<T>, new()
    {
        try
        {
            message = OtlpJsonReader.Parse<T>(body, rewriteIds, OtlpReceiverOptions.DefaultMaxJsonDepth);
            return null;
        }
        catch (OtlpJsonException ex)
        {
            message = default;
            return ex.Message;
        }
    }

    private static void Fuzz<T>(string seedJson, Action<JsonObject> rewriteIds, Func<T, string?> downstream, int seed)
        where T : IMessage<T>, new()
    {
        var valid = Encoding.UTF8.GetBytes(seedJson);
        Assert.Null(Decode<T>(new ReadOnlySequence<byte>(valid), rewriteIds, out var parsed));
        Assert.Null(downstream(parsed!));

        var mutator = new Mutator(seed);
        var failures = new List<string>();
        int decoded = 0, refused = 0;
        for (var i = 0; i < Iterations && failures.Count < 10; i++)
        {
            var (bytes, how) = mutator.MutateJson(valid, valid);
            try
            {
                if (Decode<T>(mutator.Segmented(bytes), rewriteIds, out var message) is null)
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

        Assert.Empty(failures);
        Assert.True(decoded > Iterations / 20, $"only {decoded} of {Iterations} mutated bodies decoded");
        Assert.True(refused > Iterations / 20, $"only {refused} of {Iterations} mutated bodies were refused");
    }

    private static string Describe(int seed, int iteration, string how, byte[] bytes, string what) =>
        string.Create(CultureInfo.InvariantCulture, $"seed {seed} iteration {iteration} ({how}): {what}\nbody: {Encoding.UTF8.GetString(bytes)}");
}
