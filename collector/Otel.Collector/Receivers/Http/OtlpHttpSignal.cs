using System.Text.Json.Nodes;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Ingest;
using Otel.Collector.Limits;

namespace Otel.Collector.Receivers.Http;

/// <summary>What differs between the three OTLP/HTTP endpoints; the handling is shared.</summary>
internal sealed record OtlpHttpSignal<TRequest>(
    string Path,
    OtlpSignal Signal,
    MessageParser<TRequest> Parser,
    Action<JsonObject> RewriteJsonIds,
    Func<EdgeLimitChecker, TRequest, EdgeVerdict> Enforce,
    Func<IOtlpIngest, TRequest, CancellationToken, ValueTask<IngestResult>> Ingest,
    Func<IngestResult, IMessage> Respond)
    where TRequest : IMessage<TRequest>, new();

/// <summary>The traces, metrics and logs endpoints.</summary>
internal static class OtlpHttpSignals
{
    public static readonly OtlpHttpSignal<ExportTraceServiceRequest> Traces = new(
        "/v1/traces",
        OtlpSignal.Traces,
        OtlpParsers.Traces,
        OtlpJsonIds.RewriteTraces,
        static (limits, request) => limits.Enforce(request),
        static (ingest, request, ct) => ingest.IngestTracesAsync(request, ct),
        OtlpResponses.Traces);

    public static readonly OtlpHttpSignal<ExportMetricsServiceRequest> Metrics = new(
        "/v1/metrics",
        OtlpSignal.Metrics,
        OtlpParsers.Metrics,
        OtlpJsonIds.RewriteMetrics,
        static (limits, request) => limits.Enforce(request),
        static (ingest, request, ct) => ingest.IngestMetricsAsync(request, ct),
        OtlpResponses.Metrics);

    public static readonly OtlpHttpSignal<ExportLogsServiceRequest> Logs = new(
        "/v1/logs",
        OtlpSignal.Logs,
        OtlpParsers.Logs,
        OtlpJsonIds.RewriteLogs,
        static (limits, request) => limits.Enforce(request),
        static (ingest, request, ct) => ingest.IngestLogsAsync(request, ct),
        OtlpResponses.Logs);
}
