using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace Otel.Collector.Receivers;

/// <summary>
/// The export request parsers of both receivers. They drop unknown fields, as OTLP asks receivers
/// to ignore them, instead of keeping each one as an object: fields the item counters do not count
/// cannot take memory.
/// </summary>
internal static class OtlpParsers
{
    public static readonly MessageParser<ExportTraceServiceRequest> Traces = ExportTraceServiceRequest.Parser.WithDiscardUnknownFields(true);

    public static readonly MessageParser<ExportMetricsServiceRequest> Metrics = ExportMetricsServiceRequest.Parser.WithDiscardUnknownFields(true);

    public static readonly MessageParser<ExportLogsServiceRequest> Logs = ExportLogsServiceRequest.Parser.WithDiscardUnknownFields(true);
}
