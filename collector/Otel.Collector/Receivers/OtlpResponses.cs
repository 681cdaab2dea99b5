using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Ingest;

namespace Otel.Collector.Receivers;

/// <summary>
/// Builds the export responses of an accepted request, the same for gRPC and HTTP. partial_success
/// is set only when something was rejected or there is a warning to carry (0 rejected and a
/// message), as the OTLP specification asks; otherwise the response is empty (full success).
/// </summary>
internal static class OtlpResponses
{
    public static ExportTraceServiceResponse Traces(IngestResult result) =>
        HasPartialSuccess(result)
            ? new() { PartialSuccess = new() { RejectedSpans = Rejected(result), ErrorMessage = result.Message ?? string.Empty } }
            : new();

    public static ExportMetricsServiceResponse Metrics(IngestResult result) =>
        HasPartialSuccess(result)
            ? new() { PartialSuccess = new() { RejectedDataPoints = Rejected(result), ErrorMessage = result.Message ?? string.Empty } }
            : new();

    public static ExportLogsServiceResponse Logs(IngestResult result) =>
        HasPartialSuccess(result)
            ? new() { PartialSuccess = new() { RejectedLogRecords = Rejected(result), ErrorMessage = result.Message ?? string.Empty } }
            : new();

    /// <summary>The delay a client should wait before retrying a refused request: at least one second.</summary>
    public static TimeSpan RetryDelay(IngestResult result) =>
        result.RetryAfter is { } delay && delay >= TimeSpan.FromSeconds(1) ? delay : TimeSpan.FromSeconds(1);

    /// <summary>The message sent with a refused (throttled or unavailable) request.</summary>
    public static string RefusalMessage(IngestResult result) =>
        !string.IsNullOrEmpty(result.Message) ? result.Message
        : result.Outcome == IngestOutcome.Throttled ? "The collector is busy; retry later."
        : "The collector cannot store data right now; retry later.";

    private static bool HasPartialSuccess(IngestResult result) => result.Rejected > 0 || !string.IsNullOrEmpty(result.Message);

    private static long Rejected(IngestResult result) => Math.Max(0, result.Rejected);
}
