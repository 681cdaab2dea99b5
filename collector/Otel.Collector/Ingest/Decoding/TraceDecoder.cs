using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Model;
using Otel.Tracking;

namespace Otel.Collector.Ingest.Decoding;

/// <summary>
/// Decodes an OTLP trace export into the model: every valid span as a raw row and, for spans of ML runs (wire
/// contract v1), run starts and ends, params (at the start or logged later), tags, metric points, datasets, artifacts and heartbeats. A span that
/// breaks the contract is rejected whole, with a reason; the rest of the request is kept.
/// </summary>
internal static class TraceDecoder
{
    public static IngestBatch Decode(TraceExport export, ulong receivedAtUnixNano)
    {
        ArgumentNullException.ThrowIfNull(export);
        var request = export.Request;
        var batch = new IngestBatch(receivedAtUnixNano);
        batch.MetricHistory.Reserve(export.ArrayPoints.Count);
        var lastSeen = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = new OtelResource(AttributeText.ToSortedMap(resourceSpans.Resource?.Attributes ?? []), resourceSpans.SchemaUrl);
            batch.Resources.Add(resource);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scope = new OtelScope(scopeSpans.Scope?.Name ?? string.Empty, scopeSpans.Scope?.Version ?? string.Empty, [], 0, scopeSpans.SchemaUrl);
                batch.Scopes.Add(scope);
                foreach (var span in scopeSpans.Spans)
                {
                    var pointsBefore = batch.MetricHistory.Count;
                    var datasetsBefore = batch.Datasets.Count;
                    var artifactsBefore = batch.Artifacts.Count;
                    var baselinesBefore = batch.Baselines.Count;
                    var paramsBefore = batch.Params.Count;
                    var error = Validate(span, export, batch, out var facts);
                    if (error is not null)
                    {
                        batch.MetricHistory.Truncate(pointsBefore);
                        batch.Datasets.RemoveRange(datasetsBefore, batch.Datasets.Count - datasetsBefore);
                        batch.Artifacts.RemoveRange(artifactsBefore, batch.Artifacts.Count - artifactsBefore);
                        batch.Baselines.RemoveRange(baselinesBefore, batch.Baselines.Count - baselinesBefore);
                        batch.Params.RemoveRange(paramsBefore, batch.Params.Count - paramsBefore);
                        batch.Tally.Reject($"span '{span.Name}' {OtlpText.Hex(span.SpanId)}: {error}");
                        continue;
                    }

                    var row = SpanRows.Read(span, resource, scope, export);
                    batch.Spans.Add(row);
                    if (facts.IsRunSpan)
                    {
                        RunSpanEvents.Add(batch, span, row, facts, pointsBefore);
                        lastSeen[facts.RunId] = receivedAtUnixNano;
                    }

                    batch.Tally.Accept();
                }
            }
        }

        foreach (var (runId, seen) in lastSeen)
        {
            batch.Heartbeats.Add(new RunHeartbeat(runId, seen));
        }

        return batch;
    }

    /// <summary>Checks the span's ids and run attributes and reads its metric, dataset, artifact and baseline events into the batch.</summary>
    private static string? Validate(Span span, TraceExport export, IngestBatch batch, out RunSpanFacts facts)
    {
        facts = null!;
        if (span.TraceId.Length != 16 || span.TraceId.Span.IndexOfAnyExcept((byte)0) < 0)
        {
            return "trace_id must be 16 bytes and not all zero";
        }

        if (span.SpanId.Length != 8 || span.SpanId.Span.IndexOfAnyExcept((byte)0) < 0)
        {
            return "span_id must be 8 bytes and not all zero";
        }

        if (!span.ParentSpanId.IsEmpty && span.ParentSpanId.Length != 8)
        {
            return "parent_span_id must be empty or 8 bytes";
        }

        var error = RunSpanFacts.TryRead(span.Attributes, out facts);
        if (error is not null)
        {
            return error;
        }

        var experiment = RunSpanEvents.ExperimentOf(facts);
        foreach (var e in span.Events)
        {
            var isMetric = MetricEventReader.IsMetricEvent(e);
            var isBaseline = BaselineEvents.IsBaselineEvent(e);
            var isParams = ParamEvents.IsParamsEvent(e);
            if (!isMetric && !isBaseline && !isParams && !RunAssetEvents.IsAssetEvent(e))
            {
                continue;
            }

            if (!facts.IsRunSpan)
            {
                return $"event {e.Name} on a span without {MlSemanticConventions.RunId}";
            }

            error = isMetric ? MetricEventReader.Read(e, span.EndTimeUnixNano, export, batch.MetricHistory)
                : isBaseline ? BaselineEvents.Read(e, span.EndTimeUnixNano, facts.RunId, experiment, batch)
                : isParams ? ParamEvents.Read(e, facts.RunId, experiment, batch)
                : RunAssetEvents.Read(e, span.EndTimeUnixNano, facts.RunId, experiment, batch);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }
}
