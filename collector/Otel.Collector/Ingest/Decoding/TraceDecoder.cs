using System.Text.Json;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Export;
using Otel.Collector.Redaction;
using Otel.Tracking;

namespace Otel.Collector.Mapping;

/// <summary>
/// Maps an OTLP trace export to rows: every valid span into <c>otel_traces</c>, and, for spans of
/// ML runs (wire contract v1), runs, params, tags, metric history and liveness. A span that breaks
/// the contract is rejected whole, with a reason; the rest of the request is kept.
/// </summary>
internal static class TraceRowMapper
{
    public static MapResult Map(ExportTraceServiceRequest request, RowBatch batch, ulong receivedAtUnixNano, MappingContext context)
    {
        var result = new MapResult();
        var assets = new SpanAssets();
        var lastSeen = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = AttributeText.ToSortedMap(resourceSpans.Resource?.Attributes ?? [], context.Redactor);
            var serviceName = resource.FirstOrDefault(kv => kv.Key == "service.name").Value ?? string.Empty;
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                foreach (var span in scopeSpans.Spans)
                {
                    assets.Clear();
                    var error = Validate(span, assets, context.Redactor, out var facts);
                    if (error is not null)
                    {
                        result.Reject($"span '{span.Name}' {OtlpText.Hex(span.SpanId)}: {error}");
                        continue;
                    }

                    WriteSpan(batch.For(StorageTable.OtelTraces), span, scopeSpans.Scope, serviceName, resource, context.Redactor);
                    if (facts.IsRunSpan)
                    {
                        RunRowWriter.Write(batch, span, facts, assets, serviceName, resource, receivedAtUnixNano, context);
                        if (span.Name is MlSemanticConventions.RunStartSpan or MlSemanticConventions.RunSpan || assets.Datasets.Count > 0)
                        {
                            result.ChangedRuns.Add(facts.RunId);
                        }

                        lastSeen[facts.RunId] = receivedAtUnixNano;
                    }

                    result.Accept();
                }
            }
        }

        foreach (var (runId, seen) in lastSeen)
        {
            RunRowWriter.WriteLiveness(batch, runId, seen);
        }

        return result;
    }

    private static string? Validate(Span span, SpanAssets assets, SecretRedactor redactor, out RunSpanFacts facts)
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

        var error = RunSpanFacts.TryRead(span.Attributes, redactor, out facts);
        if (error is not null)
        {
            return error;
        }

        foreach (var e in span.Events)
        {
            var isMetric = MetricEventReader.IsMetricEvent(e);
            if (!isMetric && !RunAssetEvents.IsAssetEvent(e))
            {
                continue;
            }

            if (!facts.IsRunSpan)
            {
                return $"event {e.Name} on a span without {MlSemanticConventions.RunId}";
            }

            error = isMetric
                ? MetricEventReader.Read(e, span.EndTimeUnixNano, assets.Points)
                : RunAssetEvents.Read(e, span.EndTimeUnixNano, assets.Datasets, assets.Artifacts, redactor);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static void WriteSpan(JsonEachRowWriter rows, Span span, InstrumentationScope? scope, string serviceName, List<KeyValuePair<string, string>> resource, SecretRedactor redactor)
    {
        var json = rows.BeginRow();
        json.WriteTime("Timestamp", span.StartTimeUnixNano);
        json.WriteString("TraceId", OtlpText.Hex(span.TraceId));
        json.WriteString("SpanId", OtlpText.Hex(span.SpanId));
        json.WriteString("ParentSpanId", OtlpText.Hex(span.ParentSpanId));
        json.WriteString("TraceState", span.TraceState);
        json.WriteString("SpanName", span.Name);
        json.WriteString("SpanKind", OtlpText.SpanKind(span.Kind));
        json.WriteString("ServiceName", serviceName);
        json.WriteMap("ResourceAttributes", resource);
        json.WriteString("ScopeName", scope?.Name ?? string.Empty);
        json.WriteString("ScopeVersion", scope?.Version ?? string.Empty);
        json.WriteMap("SpanAttributes", AttributeText.ToSortedMap(span.Attributes, redactor));
        json.WriteNumber("Duration", span.EndTimeUnixNano > span.StartTimeUnixNano ? span.EndTimeUnixNano - span.StartTimeUnixNano : 0);
        json.WriteString("StatusCode", OtlpText.StatusCode(span.Status?.Code ?? Status.Types.StatusCode.Unset));
        json.WriteString("StatusMessage", redactor.RedactText(span.Status?.Message ?? string.Empty));

        json.WriteStartArray("Events.Timestamp");
        foreach (var e in span.Events) { json.WriteNumberValue(Math.Min(e.TimeUnixNano, (ulong)long.MaxValue)); }
        json.WriteEndArray();
        json.WriteStartArray("Events.Name");
        foreach (var e in span.Events) { json.WriteStringValue(e.Name); }
        json.WriteEndArray();
        json.WriteStartArray("Events.Attributes");
        foreach (var e in span.Events) { WriteEventAttributes(json, e, redactor); }
        json.WriteEndArray();

        json.WriteStartArray("Links.TraceId");
        foreach (var l in span.Links) { json.WriteStringValue(OtlpText.Hex(l.TraceId)); }
        json.WriteEndArray();
        json.WriteStartArray("Links.SpanId");
        foreach (var l in span.Links) { json.WriteStringValue(OtlpText.Hex(l.SpanId)); }
        json.WriteEndArray();
        json.WriteStartArray("Links.TraceState");
        foreach (var l in span.Links) { json.WriteStringValue(l.TraceState); }
        json.WriteEndArray();
        json.WriteStartArray("Links.Attributes");
        foreach (var l in span.Links) { WriteMapValue(json, AttributeText.ToSortedMap(l.Attributes, redactor)); }
        json.WriteEndArray();
        rows.EndRow();
    }

    /// <summary>
    /// The metric arrays of a batched <c>ml.metrics</c> event live in <c>ml_metrics</c>; the raw span
    /// keeps their count instead of a second copy of every point.
    /// </summary>
    private static void WriteEventAttributes(Utf8JsonWriter json, Span.Types.Event e, SecretRedactor redactor)
    {
        if (e.Name != MlSemanticConventions.MetricsEvent)
        {
            WriteMapValue(json, AttributeText.ToSortedMap(e.Attributes, redactor));
            return;
        }

        var map = AttributeText.ToSortedMap(e.Attributes, redactor, key => key is not (MlSemanticConventions.MetricKeys
            or MlSemanticConventions.MetricValues or MlSemanticConventions.MetricSteps or MlSemanticConventions.MetricTimestamps));
        var count = e.Attributes.FirstOrDefault(a => a.Key == MlSemanticConventions.MetricKeys)?.Value?.ArrayValue?.Values.Count ?? 0;
        map.Add(new(MlSemanticConventions.MetricCount, count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        WriteMapValue(json, map);
    }

    private static void WriteMapValue(Utf8JsonWriter json, List<KeyValuePair<string, string>> map)
    {
        json.WriteStartObject();
        foreach (var (key, value) in map)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }
}
