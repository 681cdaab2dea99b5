using System.Security.Cryptography;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Time;
using Otel.Tracking;

namespace Otel.Cli.Bench;

/// <summary>How the load carries its points, as in wire contract v1.</summary>
internal enum IngestForm
{
    /// <summary>The SDK's form: <c>ml.run.metrics</c> spans, each with one <c>ml.metrics</c> event of parallel arrays.</summary>
    Batched,

    /// <summary>One <c>ml.metric</c> span event per point, as any OTel SDK can send with <c>AddEvent</c>.</summary>
    Single,
}

/// <summary>
/// The points of one <c>bench ingest</c>, deterministic so that the OTLP requests and the raw rows
/// are the same points: request <c>j</c> belongs to run <c>j % runs</c> and cycles through
/// <see cref="Keys"/>, with steps that never repeat within a (run, key) series.
/// </summary>
internal sealed class IngestPlan
{
    public const string Experiment = "bench-ingest";

    /// <summary>Events per span of the single form: OpenTelemetry SDKs keep 128 events per span by default.</summary>
    public const int EventsPerSingleSpan = 100;

    public static readonly string[] Keys = ["loss", "accuracy", "learning_rate", "grad_norm"];

    private readonly long _baseTimeNanos;
    private readonly byte[][] _traceIds;
    private readonly byte[][] _runSpanIds;
    private readonly ulong _spanIdBase = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8)) >> 2;

    public IngestPlan(IngestForm form, long points, int pointsPerRequest, int runs, TimeProvider time)
    {
        Form = form;
        Points = points;
        PointsPerRequest = pointsPerRequest;
        RequestCount = (int)((points + pointsPerRequest - 1) / pointsPerRequest);
        var prefix = "bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        RunIds = Enumerable.Range(0, runs).Select(r => $"{prefix}-{r}").ToArray();
        MarkerRunId = prefix + "-freshness";
        WarmUpRunId = prefix + "-warmup";
        _traceIds = Enumerable.Range(0, runs + 2).Select(_ => RandomNumberGenerator.GetBytes(16)).ToArray();
        _runSpanIds = Enumerable.Range(0, runs + 2).Select(_ => NonZeroSpanId()).ToArray();

        // One microsecond apart, ending now: every point is in the past and in at most two monthly partitions.
        _baseTimeNanos = (long)time.NowNanos() - points * 1000;
    }

    public IngestForm Form { get; }

    public long Points { get; }

    public int PointsPerRequest { get; }

    public int RequestCount { get; }

    public IReadOnlyList<string> RunIds { get; }

    public string MarkerRunId { get; }

    public string WarmUpRunId { get; }

    /// <summary>All run ids the bench reports to: the load's, the freshness markers' and the warm-up's.</summary>
    public IEnumerable<string> AllRunIds => RunIds.Append(MarkerRunId).Append(WarmUpRunId);

    public int PointsIn(int request) => (int)Math.Min(PointsPerRequest, Points - ((long)request * PointsPerRequest));

    public string RunOf(int request) => RunIds[request % RunIds.Count];

    /// <summary>Points per (run, key) series once every request is stored.</summary>
    public Dictionary<(string Run, string Key), long> ExpectedSeries()
    {
        var expected = new Dictionary<(string, string), long>();
        for (var j = 0; j < RequestCount; j++)
        {
            var n = PointsIn(j);
            for (var k = 0; k < Keys.Length; k++)
            {
                var inKey = (n / Keys.Length) + (k < n % Keys.Length ? 1 : 0);
                if (inKey > 0)
                {
                    expected[(RunOf(j), Keys[k])] = expected.GetValueOrDefault((RunOf(j), Keys[k])) + inKey;
                }
            }
        }

        return expected;
    }

    /// <summary>The points of request <paramref name="request"/>, in order.</summary>
    public void FillPoints(int request, List<MetricPoint> into)
    {
        into.Clear();
        var n = PointsIn(request);
        var first = (long)request * PointsPerRequest;
        var perKey = (PointsPerRequest + Keys.Length - 1) / Keys.Length;
        var ordinal = (long)(request / RunIds.Count) * perKey;
        for (var t = 0; t < n; t++)
        {
            var step = ordinal + (t / Keys.Length);
            var value = 1.0 / (1 + step) + ((t % Keys.Length) * 0.25);
            into.Add(new MetricPoint(Keys[t % Keys.Length], value, step, (ulong)(_baseTimeNanos + ((first + t) * 1000))));
        }
    }

    /// <summary>
    /// Request <paramref name="request"/> as OTLP/protobuf bytes (the body of gRPC and of HTTP alike), written
    /// directly: the same bytes as <see cref="EncodeWithMessages"/>, without millions of message objects.
    /// </summary>
    public byte[] Encode(int request, List<MetricPoint> scratch, ProtoWriter writer)
    {
        FillPoints(request, scratch);
        var run = request % RunIds.Count;
        writer.Clear();
        var resourceSpans = writer.Begin(1);
        var resource = writer.Begin(1);
        WriteAttribute(writer, 1, "service.name", "otel-track-bench");
        writer.End(resource);
        var scopeSpans = writer.Begin(2);
        var scope = writer.Begin(1);
        writer.String(1, ScopeName);
        writer.End(scope);
        var perSpan = Form == IngestForm.Batched ? MaxPointsPerEvent : EventsPerSingleSpan;
        for (int start = 0, index = 0; start < scratch.Count; start += perSpan, index++)
        {
            var count = Math.Min(perSpan, scratch.Count - start);
            var last = scratch[start + count - 1].TimestampUnixNano;
            var span = writer.Begin(2);
            writer.Bytes(1, _traceIds[run]);
            writer.Bytes(2, SpanId(request, index));
            writer.Bytes(4, _runSpanIds[run]);
            writer.String(5, MlSemanticConventions.RunMetricsSpan);
            writer.Varint(6, (ulong)Span.Types.SpanKind.Internal);
            writer.Fixed64(7, scratch[start].TimestampUnixNano);
            writer.Fixed64(8, last);
            WriteAttribute(writer, 9, MlSemanticConventions.RunId, RunIds[run]);
            WriteAttribute(writer, 9, MlSemanticConventions.ExperimentName, Experiment);
            if (Form == IngestForm.Batched)
            {
                var e = writer.Begin(11);
                writer.Fixed64(1, last);
                writer.String(2, MlSemanticConventions.MetricsEvent);
                WriteArray(writer, MlSemanticConventions.MetricKeys, scratch, start, count, static (w, p) => w.String(1, p.Key));
                WriteArray(writer, MlSemanticConventions.MetricValues, scratch, start, count, static (w, p) => w.Double(4, p.Value));
                WriteArray(writer, MlSemanticConventions.MetricSteps, scratch, start, count, static (w, p) => w.Varint(3, (ulong)p.Step));
                WriteArray(writer, MlSemanticConventions.MetricTimestamps, scratch, start, count, static (w, p) => w.Varint(3, p.TimestampUnixNano));
                writer.End(e);
            }
            else
            {
                for (var i = start; i < start + count; i++)
                {
                    var p = scratch[i];
                    var e = writer.Begin(11);
                    writer.Fixed64(1, p.TimestampUnixNano);
                    writer.String(2, MlSemanticConventions.MetricEvent);
                    WriteAttribute(writer, 3, MlSemanticConventions.MetricKey, p.Key);
                    var kv = writer.Begin(3);
                    writer.String(1, MlSemanticConventions.MetricValue);
                    var value = writer.Begin(2);
                    writer.Double(4, p.Value);
                    writer.End(value);
                    writer.End(kv);
                    kv = writer.Begin(3);
                    writer.String(1, MlSemanticConventions.MetricStep);
                    value = writer.Begin(2);
                    writer.Varint(3, (ulong)p.Step);
                    writer.End(value);
                    writer.End(kv);
                    writer.End(e);
                }
            }

            writer.End(span);
        }

        writer.End(scopeSpans);
        writer.End(resourceSpans);
        return writer.ToArray();
    }

    /// <summary>Request <paramref name="request"/> built from the OTLP message classes: the reference for <see cref="Encode"/>.</summary>
    public ExportTraceServiceRequest EncodeWithMessages(int request)
    {
        var points = new List<MetricPoint>();
        FillPoints(request, points);
        var run = request % RunIds.Count;
        var spans = (Form == IngestForm.Batched ? BatchedSpans(run, RunIds[run], points) : SingleSpans(run, RunIds[run], points)).ToList();
        for (var i = 0; i < spans.Count; i++)
        {
            spans[i].SpanId = ByteString.CopyFrom(SpanId(request, i));
        }

        return Wrap(spans);
    }

    /// <summary>One marker point (single form) on the marker run: what a freshness probe logs.</summary>
    public byte[] EncodeMarker(int step, ulong nowNanos) =>
        Wrap(SingleSpans(RunIds.Count, MarkerRunId, [new MetricPoint(MarkerKey, step, step, nowNanos)])).ToByteArray();

    /// <summary>A small request of the bench's form on the warm-up run: JIT and connections warm before timing.</summary>
    public byte[] EncodeWarmUp(int points, ulong nowNanos)
    {
        var list = Enumerable.Range(0, points).Select(i => new MetricPoint(Keys[i % Keys.Length], i, i, nowNanos + (ulong)i)).ToList();
        var index = RunIds.Count + 1;
        return Wrap(Form == IngestForm.Batched ? BatchedSpans(index, WarmUpRunId, list) : SingleSpans(index, WarmUpRunId, list)).ToByteArray();
    }

    /// <summary>The <c>ml.run.start</c> spans (or, with <paramref name="end"/>, the final <c>ml.run</c> spans) of every run.</summary>
    public byte[] EncodeRunSpans(bool end, ulong nowNanos)
    {
        var spans = AllRunIds.Select((id, i) =>
        {
            var span = NewSpan(i, id, end ? MlSemanticConventions.RunSpan : MlSemanticConventions.RunStartSpan, nowNanos, nowNanos);
            span.SpanId = end ? ByteString.CopyFrom(_runSpanIds[i]) : ByteString.CopyFrom(NonZeroSpanId());
            span.ParentSpanId = end ? ByteString.Empty : ByteString.CopyFrom(_runSpanIds[i]);
            span.Attributes.Add(Attribute(MlSemanticConventions.RunName, id));
            return span;
        });
        return Wrap(spans).ToByteArray();
    }

    public const string MarkerKey = "bench.freshness";

    private const string ScopeName = "Otel.Tracking";

    private static readonly int MaxPointsPerEvent = new MlTrackingOptions().MaxPointsPerEvent;

    /// <summary>Span ids of the load: unique within the bench (a random base plus request and span index), never zero.</summary>
    private byte[] SpanId(int request, int index)
    {
        var id = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(id, (_spanIdBase + ((ulong)request << 20) + (ulong)index) | (1UL << 63));
        return id;
    }

    private static void WriteAttribute(ProtoWriter writer, int field, string key, string value)
    {
        var kv = writer.Begin(field);
        writer.String(1, key);
        var any = writer.Begin(2);
        writer.String(1, value);
        writer.End(any);
        writer.End(kv);
    }

    private static void WriteArray(ProtoWriter writer, string key, List<MetricPoint> points, int start, int count, Action<ProtoWriter, MetricPoint> element)
    {
        var kv = writer.Begin(3);
        writer.String(1, key);
        var any = writer.Begin(2);
        var array = writer.Begin(5);
        for (var i = start; i < start + count; i++)
        {
            var value = writer.Begin(1);
            element(writer, points[i]);
            writer.End(value);
        }

        writer.End(array);
        writer.End(any);
        writer.End(kv);
    }

    private IEnumerable<Span> BatchedSpans(int run, string runId, List<MetricPoint> points)
    {
        var maxPerEvent = MaxPointsPerEvent;
        for (var start = 0; start < points.Count; start += maxPerEvent)
        {
            var count = Math.Min(maxPerEvent, points.Count - start);
            var keys = new ArrayValue();
            var values = new ArrayValue();
            var steps = new ArrayValue();
            var timestamps = new ArrayValue();
            for (var i = start; i < start + count; i++)
            {
                var p = points[i];
                keys.Values.Add(new AnyValue { StringValue = p.Key });
                values.Values.Add(new AnyValue { DoubleValue = p.Value });
                steps.Values.Add(new AnyValue { IntValue = p.Step });
                timestamps.Values.Add(new AnyValue { IntValue = (long)p.TimestampUnixNano });
            }

            var end = points[start + count - 1].TimestampUnixNano;
            var span = NewSpan(run, runId, MlSemanticConventions.RunMetricsSpan, points[start].TimestampUnixNano, end);
            span.Events.Add(new Span.Types.Event
            {
                Name = MlSemanticConventions.MetricsEvent,
                TimeUnixNano = end,
                Attributes =
                {
                    new KeyValue { Key = MlSemanticConventions.MetricKeys, Value = new AnyValue { ArrayValue = keys } },
                    new KeyValue { Key = MlSemanticConventions.MetricValues, Value = new AnyValue { ArrayValue = values } },
                    new KeyValue { Key = MlSemanticConventions.MetricSteps, Value = new AnyValue { ArrayValue = steps } },
                    new KeyValue { Key = MlSemanticConventions.MetricTimestamps, Value = new AnyValue { ArrayValue = timestamps } },
                },
            });
            yield return span;
        }
    }

    private IEnumerable<Span> SingleSpans(int run, string runId, List<MetricPoint> points)
    {
        for (var start = 0; start < points.Count; start += EventsPerSingleSpan)
        {
            var count = Math.Min(EventsPerSingleSpan, points.Count - start);
            var span = NewSpan(run, runId, MlSemanticConventions.RunMetricsSpan, points[start].TimestampUnixNano, points[start + count - 1].TimestampUnixNano);
            for (var i = start; i < start + count; i++)
            {
                var p = points[i];
                span.Events.Add(new Span.Types.Event
                {
                    Name = MlSemanticConventions.MetricEvent,
                    TimeUnixNano = p.TimestampUnixNano,
                    Attributes =
                    {
                        new KeyValue { Key = MlSemanticConventions.MetricKey, Value = new AnyValue { StringValue = p.Key } },
                        new KeyValue { Key = MlSemanticConventions.MetricValue, Value = new AnyValue { DoubleValue = p.Value } },
                        new KeyValue { Key = MlSemanticConventions.MetricStep, Value = new AnyValue { IntValue = p.Step } },
                    },
                });
            }

            yield return span;
        }
    }

    private Span NewSpan(int run, string runId, string name, ulong start, ulong end) => new()
    {
        TraceId = ByteString.CopyFrom(_traceIds[run]),
        SpanId = ByteString.CopyFrom(NonZeroSpanId()),
        ParentSpanId = ByteString.CopyFrom(_runSpanIds[run]),
        Name = name,
        Kind = Span.Types.SpanKind.Internal,
        StartTimeUnixNano = start,
        EndTimeUnixNano = end,
        Attributes =
        {
            Attribute(MlSemanticConventions.RunId, runId),
            Attribute(MlSemanticConventions.ExperimentName, Experiment),
        },
    };

    private static ExportTraceServiceRequest Wrap(IEnumerable<Span> spans)
    {
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = ScopeName } };
        scope.Spans.AddRange(spans);
        return new ExportTraceServiceRequest
        {
            ResourceSpans =
            {
                new ResourceSpans
                {
                    Resource = new Resource { Attributes = { Attribute("service.name", "otel-track-bench") } },
                    ScopeSpans = { scope },
                },
            },
        };
    }

    private static KeyValue Attribute(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    private static byte[] NonZeroSpanId()
    {
        var id = RandomNumberGenerator.GetBytes(8);
        id[0] |= 1;
        return id;
    }
}
