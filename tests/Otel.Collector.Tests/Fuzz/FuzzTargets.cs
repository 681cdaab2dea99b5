using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Ingest.Decoding;
using Otel.Collector.Limits;
using Otel.Collector.Model;
using Otel.Collector.Processors;
using Otel.Collector.Sinks;
using Otel.Collector.Sinks.Rows;
using Otel.Collector.Ingest;

namespace Otel.Collector.Tests.Fuzz;

/// <summary>
/// What a decoded request goes through after the protobuf decoder, exactly as in the collector: the
/// edge limits, then decoding into the model, the processors and the sinks. Each returns what is
/// wrong with the outcome, or null; an exception from any is a failure of its own. Every item must be
/// accounted for: rejected at the edge, rejected by decoding, or accepted.
/// </summary>
internal static class FuzzTargets
{
    private static readonly EdgeLimitChecker Limits = new(new EdgeLimits());

    public static string? Traces(ExportTraceServiceRequest request)
    {
        var items = request.ResourceSpans.SelectMany(r => r.ScopeSpans).Sum(s => (long)s.Spans.Count);
        var verdict = Limits.Enforce(request);
        var mapped = Encode(TraceDecoder.Decode(TraceExport.FromMessage(request), 1_767_225_600_000_000_000));
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

        var mapped = Encode(MetricDecoder.Decode(request, 1_767_225_600_000_000_000));
        return Accounted("data points", items, verdict, mapped);
    }

    public static string? Logs(ExportLogsServiceRequest request)
    {
        var items = request.ResourceLogs.SelectMany(r => r.ScopeLogs).Sum(s => (long)s.LogRecords.Count);
        var verdict = Limits.Enforce(request);
        var mapped = Encode(LogDecoder.Decode(request, 1_767_225_600_000_000_000));
        return Accounted("log records", items, verdict, mapped);
    }

    private static IngestTally Encode(IngestBatch batch)
    {
        IngestProcessors.Default.Run(batch);
        using var rows = new RowBatch();
        IngestSinks.All.WriteAll(batch, rows);
        return batch.Tally;
    }

    private static string? Accounted(string what, long items, EdgeVerdict verdict, IngestTally mapped) =>
        verdict.Rejected + mapped.Rejected + mapped.Accepted == items
            ? null
            : $"{items} {what} in, but {verdict.Rejected} rejected at the edge + {mapped.Rejected} rejected by decoding + {mapped.Accepted} accepted";
}
