using System.Buffers.Binary;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Tracking;

namespace Otel.Testing;

/// <summary>
/// Builders of the OTLP requests tests send, as an SDK would: ids, attribute values, run spans, metric events
/// (single and batched), one request per signal.
/// </summary>
internal static class OtlpRequests
{
    /// <summary>2026-01-01T00:00:00Z in unix nanoseconds; every time in these requests is an offset from it.</summary>
    public const ulong T0 = 1_767_225_600_000_000_000;

    /// <summary>Nanoseconds in a second.</summary>
    public const ulong Second = 1_000_000_000;

    public const string ServiceName = "trainer";
    public const string Experiment = "test-exp";
    public const string ScopeName = "Otel.Tracking";
    public const string ScopeVersion = "1.2.3";

    private static int s_spanIds;

    /// <summary>Changes a message inside an expression: <c>MetricEvent(...).Also(e => e.Attributes.Add(...))</c>.</summary>
    public static T Also<T>(this T value, Action<T> change)
    {
        change(value);
        return value;
    }

    public static ByteString Bytes(string hex) => ByteString.CopyFrom(Convert.FromHexString(hex));

    public static string Hex(ByteString id) => Convert.ToHexStringLower(id.Span);

    /// <summary>A random, non-zero 16-byte trace id.</summary>
    public static ByteString NewTraceId()
    {
        var id = Guid.NewGuid().ToByteArray();
        id[0] |= 0x80;
        return ByteString.CopyFrom(id);
    }

    /// <summary>An 8-byte span id no other span of the test process has.</summary>
    public static ByteString NewSpanId()
    {
        var id = new byte[8];
        id[0] = 0xA5;
        BinaryPrimitives.WriteInt32BigEndian(id.AsSpan(4), Interlocked.Increment(ref s_spanIds));
        return ByteString.CopyFrom(id);
    }

    public static AnyValue Str(string value) => new() { StringValue = value };

    public static AnyValue Int(long value) => new() { IntValue = value };

    public static AnyValue Dbl(double value) => new() { DoubleValue = value };

    public static AnyValue Bool(bool value) => new() { BoolValue = value };

    public static AnyValue ArrayOf(params AnyValue[] values) => new() { ArrayValue = new ArrayValue { Values = { values } } };

    public static AnyValue KvListOf(params KeyValue[] values) => new() { KvlistValue = new KeyValueList { Values = { values } } };

    public static KeyValue Attr(string key, AnyValue value) => new() { Key = key, Value = value };

    public static KeyValue Attr(string key, string value) => Attr(key, Str(value));

    public static KeyValue Attr(string key, long value) => Attr(key, Int(value));

    public static KeyValue Attr(string key, double value) => Attr(key, Dbl(value));

    public static KeyValue Attr(string key, bool value) => Attr(key, Bool(value));

    public static Resource Resource(params KeyValue[] attributes) => new() { Attributes = { attributes } };

    /// <summary>The resource of most requests: <c>service.name</c> = <see cref="ServiceName"/>.</summary>
    public static Resource TrainerResource() => Resource(Attr("service.name", ServiceName));

    /// <summary>An internal span from T0 to T0 + 60 s with fresh ids and the given attributes.</summary>
    public static Span PlainSpan(string name, params KeyValue[] attributes) => new()
    {
        TraceId = NewTraceId(),
        SpanId = NewSpanId(),
        Name = name,
        Kind = Span.Types.SpanKind.Internal,
        StartTimeUnixNano = T0,
        EndTimeUnixNano = T0 + (60 * Second),
        Attributes = { attributes },
    };

    /// <summary>A span of run <paramref name="runId"/>, in <paramref name="experiment"/> (no experiment attribute when null).</summary>
    public static Span RunSpan(string name, string runId, string? experiment = Experiment, params KeyValue[] attributes)
    {
        var span = PlainSpan(name, attributes);
        span.Attributes.Insert(0, Attr(MlSemanticConventions.RunId, runId));
        if (experiment is not null)
        {
            span.Attributes.Insert(1, Attr(MlSemanticConventions.ExperimentName, experiment));
        }

        return span;
    }

    /// <summary>One metric point (<c>ml.metric</c>); no step attribute when <paramref name="step"/> is null.</summary>
    public static Span.Types.Event MetricEvent(string key, AnyValue value, long? step, ulong time)
    {
        var e = new Span.Types.Event
        {
            Name = MlSemanticConventions.MetricEvent,
            TimeUnixNano = time,
            Attributes = { Attr(MlSemanticConventions.MetricKey, key), Attr(MlSemanticConventions.MetricValue, value) },
        };
        if (step is not null)
        {
            e.Attributes.Add(Attr(MlSemanticConventions.MetricStep, step.Value));
        }

        return e;
    }

    public static Span.Types.Event MetricEvent(string key, double value, long? step, ulong time) => MetricEvent(key, Dbl(value), step, time);

    /// <summary>Batched points (<c>ml.metrics</c>); the steps and timestamps arrays are left out when null.</summary>
    public static Span.Types.Event MetricsEvent(ulong time, string[] keys, AnyValue[] values, long[]? steps = null, long[]? timestamps = null)
    {
        var e = new Span.Types.Event
        {
            Name = MlSemanticConventions.MetricsEvent,
            TimeUnixNano = time,
            Attributes =
            {
                Attr(MlSemanticConventions.MetricKeys, ArrayOf([.. keys.Select(Str)])),
                Attr(MlSemanticConventions.MetricValues, ArrayOf(values)),
            },
        };
        if (steps is not null)
        {
            e.Attributes.Add(Attr(MlSemanticConventions.MetricSteps, ArrayOf([.. steps.Select(Int)])));
        }

        if (timestamps is not null)
        {
            e.Attributes.Add(Attr(MlSemanticConventions.MetricTimestamps, ArrayOf([.. timestamps.Select(Int)])));
        }

        return e;
    }

    public static Span.Types.Event MetricsEvent(ulong time, string[] keys, double[] values, long[]? steps = null, long[]? timestamps = null) =>
        MetricsEvent(time, keys, [.. values.Select(Dbl)], steps, timestamps);

    /// <summary>Spans with neither resource nor scope: the least a client may send.</summary>
    public static ExportTraceServiceRequest SpansRequest(params Span[] spans) =>
        new() { ResourceSpans = { new ResourceSpans { ScopeSpans = { new ScopeSpans { Spans = { spans } } } } } };

    public static ExportTraceServiceRequest TracesRequest(params Span[] spans) => TracesRequest(TrainerResource(), spans);

    public static ExportTraceServiceRequest TracesRequest(Resource resource, params Span[] spans) => new()
    {
        ResourceSpans =
        {
            new ResourceSpans
            {
                Resource = resource,
                ScopeSpans = { new ScopeSpans { Scope = new InstrumentationScope { Name = ScopeName, Version = ScopeVersion }, Spans = { spans } } },
            },
        },
    };

    public static ExportMetricsServiceRequest MetricsRequest(params Metric[] metrics) => new()
    {
        ResourceMetrics =
        {
            new ResourceMetrics
            {
                Resource = TrainerResource(),
                SchemaUrl = "https://opentelemetry.io/schemas/1.44.0",
                ScopeMetrics =
                {
                    new ScopeMetrics
                    {
                        Scope = new InstrumentationScope { Name = ScopeName, Version = ScopeVersion, Attributes = { Attr("scope.kind", "meter") } },
                        Metrics = { metrics },
                    },
                },
            },
        },
    };

    public static ExportLogsServiceRequest LogsRequest(params LogRecord[] records) => new()
    {
        ResourceLogs =
        {
            new ResourceLogs
            {
                Resource = TrainerResource(),
                ScopeLogs =
                {
                    new ScopeLogs
                    {
                        Scope = new InstrumentationScope { Name = ScopeName, Version = ScopeVersion, Attributes = { Attr("scope.kind", "logger") } },
                        LogRecords = { records },
                    },
                },
            },
        },
    };
}
