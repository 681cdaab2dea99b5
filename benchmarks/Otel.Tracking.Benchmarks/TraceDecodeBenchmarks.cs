using System.Buffers;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Ingest;
using Otel.Collector.Ingest.Decoding;
using Otel.Collector.Limits;
using Otel.Collector.Model;
using Otel.Collector.Receivers;

namespace Otel.Tracking.Benchmarks;

/// <summary>
/// The collector's decoding of one batched OTLP/protobuf trace export as <c>bench ingest --form batched</c> sends it
/// (5 <c>ml.run.metrics</c> spans of one <c>ml.metrics</c> event of 10,000 points: 50,000 points, 4 runs × 4 keys),
/// from the bytes to the <see cref="IngestBatch"/>: the item count of the bomb guard, decoding, the edge limits and
/// the model. Objects: Google.Protobuf parses the whole message, an <c>AnyValue</c> per array element. Bytes: the
/// arrays are read straight into columns (<see cref="TraceExportReader"/>). The single form (500 spans of 100
/// <c>ml.metric</c> events) has no arrays: it checks that the byte path costs it nothing.
/// </summary>
[MemoryDiagnoser]
public class TraceDecodeBenchmarks
{
    private const int Spans = 5;
    private const int PointsPerSpan = 10_000;
    private const ulong ReceivedAt = 1_767_225_600_000_000_000;
    private static readonly string[] Keys = ["loss", "accuracy", "learning_rate", "grad_norm"];

    private readonly EdgeLimitChecker _limits = new(new EdgeLimits());
    private ReadOnlySequence<byte> _batched;
    private ReadOnlySequence<byte> _single;

    [GlobalSetup]
    public void Setup()
    {
        _batched = new ReadOnlySequence<byte>(Request().ToByteArray());
        _single = new ReadOnlySequence<byte>(SingleRequest().ToByteArray());
    }

    [Benchmark(Baseline = true, Description = "50,000-point batched request → IngestBatch, AnyValue objects")]
    public int Objects() => DecodeObjects(_batched);

    [Benchmark(Description = "50,000-point batched request → IngestBatch, arrays read from the bytes")]
    public int Bytes() => DecodeBytes(_batched);

    [Benchmark(Description = "50,000-point single-form request → IngestBatch, AnyValue objects")]
    public int SingleObjects() => DecodeObjects(_single);

    [Benchmark(Description = "50,000-point single-form request → IngestBatch, byte path")]
    public int SingleBytes() => DecodeBytes(_single);

    private int DecodeObjects(ReadOnlySequence<byte> body)
    {
        OtlpProtobufItemCounter.Count(body, OtlpSignal.Traces);
        var export = TraceExport.FromMessage(OtlpParsers.Traces.ParseFrom(body));
        _limits.Enforce(export.Request);
        return TraceDecoder.Decode(export, ReceivedAt).MetricHistory.Count;
    }

    private int DecodeBytes(ReadOnlySequence<byte> body)
    {
        OtlpProtobufItemCounter.Count(body, OtlpSignal.Traces);
        var export = TraceExportReader.Read(body, OtlpParsers.Traces, _limits.Limits.MetricArrays);
        _limits.Enforce(export.Request);
        return TraceDecoder.Decode(export, ReceivedAt).MetricHistory.Count;
    }

    /// <summary>The single form: 500 spans of 100 <c>ml.metric</c> events, one point each.</summary>
    private static ExportTraceServiceRequest SingleRequest()
    {
        var scope = new ScopeSpans();
        for (var s = 0; s < 500; s++)
        {
            var span = NewSpan(s, $"bench-0123456789ab-{s % 4}");
            for (var i = 0; i < 100; i++)
            {
                span.Events.Add(new Span.Types.Event
                {
                    Name = "ml.metric",
                    TimeUnixNano = ReceivedAt - 100_000_000_000 + (ulong)(((s * 100) + i) * 1000L),
                    Attributes =
                    {
                        new KeyValue { Key = "ml.metric.key", Value = new AnyValue { StringValue = Keys[i % Keys.Length] } },
                        new KeyValue { Key = "ml.metric.value", Value = new AnyValue { DoubleValue = i * 0.001 } },
                        new KeyValue { Key = "ml.metric.step", Value = new AnyValue { IntValue = (s * 100) + i } },
                    },
                });
            }

            scope.Spans.Add(span);
        }

        return Wrap(scope);
    }

    private static Span NewSpan(int s, string runId) => new()
    {
        TraceId = ByteString.CopyFrom([.. Enumerable.Range(1, 16).Select(b => (byte)b)]),
        SpanId = ByteString.CopyFrom(BitConverter.GetBytes((long)s + 1)),
        Name = "ml.run.metrics",
        StartTimeUnixNano = ReceivedAt - 2_000_000_000,
        EndTimeUnixNano = ReceivedAt - 1_000_000_000,
        Attributes = { new KeyValue { Key = "ml.run.id", Value = new AnyValue { StringValue = runId } } },
    };

    private static ExportTraceServiceRequest Wrap(ScopeSpans scope) => new()
    {
        ResourceSpans = { new ResourceSpans { Resource = new() { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "bench" } } } }, ScopeSpans = { scope } } },
    };

    private static ExportTraceServiceRequest Request()
    {
        var scope = new ScopeSpans();
        for (var s = 0; s < Spans; s++)
        {
            var runId = $"bench-0123456789ab-{s % 4}";
            var keys = new ArrayValue();
            var values = new ArrayValue();
            var steps = new ArrayValue();
            var timestamps = new ArrayValue();
            for (var i = 0; i < PointsPerSpan; i++)
            {
                keys.Values.Add(new AnyValue { StringValue = Keys[i % Keys.Length] });
                values.Values.Add(new AnyValue { DoubleValue = i * 0.001 });
                steps.Values.Add(new AnyValue { IntValue = (s * PointsPerSpan) + i });
                timestamps.Values.Add(new AnyValue { IntValue = (long)ReceivedAt - 100_000_000_000 + (((s * PointsPerSpan) + i) * 1000L) });
            }

            var span = NewSpan(s, runId);
            span.Events.Add(new Span.Types.Event
            {
                Name = "ml.metrics",
                TimeUnixNano = ReceivedAt - 1_000_000_000,
                Attributes =
                {
                    new KeyValue { Key = "ml.metric.keys", Value = new AnyValue { ArrayValue = keys } },
                    new KeyValue { Key = "ml.metric.values", Value = new AnyValue { ArrayValue = values } },
                    new KeyValue { Key = "ml.metric.steps", Value = new AnyValue { ArrayValue = steps } },
                    new KeyValue { Key = "ml.metric.timestamps", Value = new AnyValue { ArrayValue = timestamps } },
                },
            });
            scope.Spans.Add(span);
        }

        return Wrap(scope);
    }
}
