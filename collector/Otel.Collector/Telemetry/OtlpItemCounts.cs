using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Limits;

namespace Otel.Collector.Telemetry;

/// <summary>The items of an export request as OTLP's partial success counts them: spans, data points, log records.</summary>
internal static class OtlpItemCounts
{
    public static long Of(ExportTraceServiceRequest request)
    {
        long items = 0;
        foreach (var resource in request.ResourceSpans)
        {
            foreach (var scope in resource.ScopeSpans)
            {
                items += scope.Spans.Count;
            }
        }

        return items;
    }

    public static long Of(ExportMetricsServiceRequest request) => EdgeLimitChecker.CountDataPoints(request);

    public static long Of(ExportLogsServiceRequest request)
    {
        long items = 0;
        foreach (var resource in request.ResourceLogs)
        {
            foreach (var scope in resource.ScopeLogs)
            {
                items += scope.LogRecords.Count;
            }
        }

        return items;
    }
}
