using System.Buffers;
using System.Text.Json.Nodes;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Ingest;
using Otel.Collector.Ingest.Decoding;
using Otel.Collector.Limits;

namespace Otel.Collector.Receivers.Http;

/// <summary>
/// What differs between the three OTLP/HTTP endpoints; the handling is shared. <typeparamref name="TRequest"/> is what
/// the edge limits and ingest take: the export message, or for traces a <see cref="TraceExport"/>.
/// </summary>
internal sealed record OtlpHttpSignal<TRequest>(
    string Path,
    OtlpSignal Signal,
    string MessageName,
    Func<ReadOnlySequence<byte>, EdgeLimits, TRequest> ParseProtobuf,
    Func<ReadOnlySequence<byte>, int, TRequest> ParseJson,
    Func<EdgeLimitChecker, TRequest, EdgeVerdict> Enforce,
    Func<IOtlpIngest, TRequest, CancellationToken, ValueTask<IngestResult>> Ingest,
    Func<IngestResult, IMessage> Respond);

/// <summary>The traces, metrics and logs endpoints.</summary>
internal static class OtlpHttpSignals
{
    public static readonly OtlpHttpSignal<TraceExport> Traces = new(
        "/v1/traces",
        OtlpSignal.Traces,
        nameof(ExportTraceServiceRequest),
        static (body, limits) => TraceExportReader.Read(body, OtlpParsers.Traces, limits.MetricArrays),
        static (body, maxDepth) => TraceExport.FromMessage(ParseJson<ExportTraceServiceRequest>(body, OtlpJsonIds.RewriteTraces, maxDepth)),
        static (limits, request) => limits.Enforce(request.Request),
        static (ingest, request, ct) => ingest.IngestTracesAsync(request, ct),
        OtlpResponses.Traces);

    public static readonly OtlpHttpSignal<ExportMetricsServiceRequest> Metrics = new(
        "/v1/metrics",
        OtlpSignal.Metrics,
        nameof(ExportMetricsServiceRequest),
        static (body, _) => OtlpParsers.Metrics.ParseFrom(body),
        static (body, maxDepth) => ParseJson<ExportMetricsServiceRequest>(body, OtlpJsonIds.RewriteMetrics, maxDepth),
        static (limits, request) => limits.Enforce(request),
        static (ingest, request, ct) => ingest.IngestMetricsAsync(request, ct),
        OtlpResponses.Metrics);

    public static readonly OtlpHttpSignal<ExportLogsServiceRequest> Logs = new(
        "/v1/logs",
        OtlpSignal.Logs,
        nameof(ExportLogsServiceRequest),
        static (body, _) => OtlpParsers.Logs.ParseFrom(body),
        static (body, maxDepth) => ParseJson<ExportLogsServiceRequest>(body, OtlpJsonIds.RewriteLogs, maxDepth),
        static (limits, request) => limits.Enforce(request),
        static (ingest, request, ct) => ingest.IngestLogsAsync(request, ct),
        OtlpResponses.Logs);

    private static T ParseJson<T>(ReadOnlySequence<byte> body, Action<JsonObject> rewriteIds, int maxDepth)
        where T : IMessage<T>, new() => OtlpJsonReader.Parse<T>(body, rewriteIds, maxDepth);
}
