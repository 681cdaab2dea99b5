using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Limits;

/// <summary>Requests and values sized to sit exactly at, or one past, a limit.</summary>
internal static class LimitRequests
{
    private static int s_spanCounter;

    /// <summary>An array of <paramref name="length"/> integers.</summary>
    public static AnyValue ArrayOf(int length) => OtlpRequests.ArrayOf([.. Enumerable.Range(0, length).Select(i => new AnyValue { IntValue = i })]);

    /// <summary>A value of <paramref name="depth"/> nested arrays around a string (depth 0: the string).</summary>
    public static AnyValue Nested(int depth)
    {
        var value = Str("leaf");
        for (var i = 0; i < depth; i++)
        {
            value = i % 2 == 0 ? OtlpRequests.ArrayOf(value) : KvListOf(Attr("k", value));
        }

        return value;
    }

    /// <summary>A span with a fresh, valid span id, named so that messages can be matched to it.</summary>
    public static Span NewSpan(string name, params KeyValue[] attributes)
    {
        var id = Interlocked.Increment(ref s_spanCounter);
        var span = new Span
        {
            TraceId = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
            SpanId = ByteString.CopyFrom(BitConverter.GetBytes((long)id + 1)),
            Name = name,
            StartTimeUnixNano = T0,
            EndTimeUnixNano = T0 + Second,
        };
        span.Attributes.Add(attributes);
        return span;
    }

    public static ExportTraceServiceRequest Traces(params Span[] spans) => Traces([], spans);

    public static ExportTraceServiceRequest Traces(KeyValue[] resource, params Span[] spans) => new()
    {
        ResourceSpans =
        {
            new ResourceSpans
            {
                Resource = new Resource { Attributes = { resource } },
                ScopeSpans = { new ScopeSpans { Scope = new InstrumentationScope { Name = "limits" }, Spans = { spans } } },
            },
        },
    };

    public static IEnumerable<Span> AllSpans(ExportTraceServiceRequest request) =>
        request.ResourceSpans.SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans);

    public static NumberDataPoint Point(double value, params KeyValue[] attributes)
    {
        var point = new NumberDataPoint { TimeUnixNano = T0, AsDouble = value };
        point.Attributes.Add(attributes);
        return point;
    }

    public static ExportMetricsServiceRequest GaugeRequest(string name, params NumberDataPoint[] points) => new()
    {
        ResourceMetrics =
        {
            new ResourceMetrics
            {
                Resource = new Resource { Attributes = { Attr("service.name", "limits") } },
                ScopeMetrics = { new ScopeMetrics { Metrics = { new Metric { Name = name, Gauge = new Gauge { DataPoints = { points } } } } } },
            },
        },
    };

    public static LogRecord Log(AnyValue body, params KeyValue[] attributes)
    {
        var record = new LogRecord { TimeUnixNano = T0, SeverityNumber = SeverityNumber.Info, Body = body };
        record.Attributes.Add(attributes);
        return record;
    }

    public static ExportLogsServiceRequest Logs(params LogRecord[] records) => new()
    {
        ResourceLogs =
        {
            new ResourceLogs
            {
                Resource = new Resource { Attributes = { Attr("service.name", "limits") } },
                ScopeLogs = { new ScopeLogs { LogRecords = { records } } },
            },
        },
    };
}
