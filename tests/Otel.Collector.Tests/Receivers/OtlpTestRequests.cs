using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace Otel.Collector.Tests.Receivers;

/// <summary>Small, fully known export requests of each signal.</summary>
internal static class OtlpTestRequests
{
    public const string TraceIdHex = "5b8efff798038103d269b633813fc60c";
    public const string SpanIdHex = "eee19b7ec3c1b174";

    public static ByteString TraceId { get; } = ByteString.CopyFrom(Convert.FromHexString(TraceIdHex));

    public static ByteString SpanId { get; } = ByteString.CopyFrom(Convert.FromHexString(SpanIdHex));

    public static Resource Resource { get; } = new() { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "trainer" } } } };

    public static ExportTraceServiceRequest Traces(string spanName = "ml.run") => new()
    {
        ResourceSpans =
        {
            new ResourceSpans
            {
                Resource = Resource,
                ScopeSpans =
                {
                    new ScopeSpans
                    {
                        Scope = new InstrumentationScope { Name = "Otel.Tracking", Version = "1.0.0" },
                        Spans =
                        {
                            new Span
                            {
                                TraceId = TraceId,
                                SpanId = SpanId,
                                Name = spanName,
                                Kind = Span.Types.SpanKind.Internal,
                                StartTimeUnixNano = 1_700_000_000_000_000_123,
                                EndTimeUnixNano = 1_700_000_001_000_000_456,
                                Flags = 0x301,
                                Status = new Status { Code = Status.Types.StatusCode.Ok },
                            },
                        },
                    },
                },
            },
        },
    };

    public static ExportMetricsServiceRequest Metrics() => new()
    {
        ResourceMetrics =
        {
            new ResourceMetrics
            {
                Resource = Resource,
                ScopeMetrics =
                {
                    new ScopeMetrics
                    {
                        Metrics =
                        {
                            new Metric
                            {
                                Name = "train.loss",
                                Unit = "1",
                                Gauge = new Gauge { DataPoints = { new NumberDataPoint { TimeUnixNano = 1_700_000_000_000_000_001, AsDouble = 0.25 } } },
                            },
                        },
                    },
                },
            },
        },
    };

    public static ExportLogsServiceRequest Logs() => new()
    {
        ResourceLogs =
        {
            new ResourceLogs
            {
                Resource = Resource,
                ScopeLogs =
                {
                    new ScopeLogs
                    {
                        LogRecords =
                        {
                            new LogRecord
                            {
                                TimeUnixNano = 1_700_000_000_000_000_002,
                                SeverityNumber = SeverityNumber.Warn,
                                Body = new AnyValue { StringValue = "checkpoint slow" },
                                TraceId = TraceId,
                                SpanId = SpanId,
                            },
                        },
                    },
                },
            },
        },
    };
}
