using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Export;
using Otel.Collector.Limits;
using Otel.Collector.Mapping;

namespace Otel.Collector.Tests.Fuzz;

/// <summary>
/// What a decoded request goes through after the decoder, exactly as in the collector: the edge
/// limits, then the row mappers. Each returns what is wrong with the outcome, or null; an
/// exception from either is a failure of its own. Every item must be accounted for: rejected at
/// the edge, rejected by the mapper, or accepted.
/// </summary>
internal static class FuzzTargets
{
    private static readonly EdgeLimitChecker Limits = new(new EdgeLimits());

    public static string? Traces(ExportTraceServiceRequest request)
    {
        var items = request.ResourceSpans.SelectMany(r => r.ScopeSpans).Sum(s => (long)s.Spans.Count);
        var verdict = Limits.Enforce(request);
        using var batch = new RowBatch();
        var mapped = TraceRowMapper.Map(request, batch, 1_767_225_600_000_000_000, MappingContext.Default);
        return Accounted("spans", items, verdict, mapped);
    }

    public static string? Metrics(ExportMetricsServiceRequest request)
    {
        var items = EdgeLimitChecker.CountDataPoints(request);
        var verdict = Limits.Enforce(request);
        if (verdict.Refusal is not null)
        {
            return null;
        }

        using var batch = new RowBatch();
        var mapped = MetricRowMapper.Map(request, batch, MappingContext.Default.Redactor);
        return Accounted("data points", items, verdict, mapped);
    }

    public static string? Logs(ExportLogsServiceRequest request)
    {
        var items = request.ResourceLogs.SelectMany(r => r.ScopeLogs).Sum(s => (long)s.LogRecords.Count);
        var verdict = Limits.Enforce(request);
        using var batch = new RowBatch();
        var mapped = LogRowMapper.Map(request, batch, MappingContext.Default.Redactor);
        return Accounted("log records", items, verdict, mapped);
    }

    private static string? Accounted(string what, long items, EdgeVerdict verdict, MapResult mapped) =>
        verdict.Rejected + mapped.Rejected + mapped.Accepted == items
            ? null
            : $"{items} {what} in, but {verdict.Rejected} rejected at the edge + {mapped.Rejected} rejected by the mapper + {mapped.Accepted} accepted";
}
