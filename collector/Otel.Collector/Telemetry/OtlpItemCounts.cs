using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Metrics.V1;

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

    public static long Of(ExportMetricsServiceRequest request)
    {
        long items = 0;
        foreach (var resource in request.ResourceMetrics)
        {
            foreach (var scope in resource.ScopeMetrics)
            {
                foreach (var metric in scope.Metrics)
                {
                    items += DataPoints(metric);
                }
            }
        }

        return items;
    }

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

    public static int DataPoints(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Count,
        Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Count,
        Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Count,
        Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints.Count,
        Metric.DataOneofCase.Summary => metric.Summary.DataPoints.Count,
        _ => 0,
    };
}
