using System.Globalization;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Model;
using Otel.Tracking;

namespace Otel.Collector.Ingest.Decoding;

/// <summary>Reads a valid span into its raw <see cref="SpanRow"/>.</summary>
internal static class SpanRows
{
    public static SpanRow Read(Span span, OtelResource resource, OtelScope scope, TraceExport export) => new()
    {
        Resource = resource,
        Scope = scope,
        StartTimeUnixNano = span.StartTimeUnixNano,
        EndTimeUnixNano = span.EndTimeUnixNano,
        TraceId = OtlpText.Hex(span.TraceId),
        SpanId = OtlpText.Hex(span.SpanId),
        ParentSpanId = OtlpText.Hex(span.ParentSpanId),
        TraceState = span.TraceState,
        Name = span.Name,
        Kind = OtlpText.SpanKind(span.Kind),
        Attributes = AttributeText.ToSortedMap(span.Attributes),
        StatusCode = OtlpText.StatusCode(span.Status?.Code ?? Status.Types.StatusCode.Unset),
        StatusMessage = span.Status?.Message ?? string.Empty,
        Events = Events(span.Events, export),
        Links = Links(span.Links),
    };

    private static SpanEventRow[] Events(RepeatedField<Span.Types.Event> events, TraceExport export)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var rows = new SpanEventRow[events.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new SpanEventRow(events[i].TimeUnixNano, events[i].Name, EventAttributes(events[i], export));
        }

        return rows;
    }

    private static SpanLinkRow[] Links(RepeatedField<Span.Types.Link> links)
    {
        if (links.Count == 0)
        {
            return [];
        }

        var rows = new SpanLinkRow[links.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var link = links[i];
            rows[i] = new SpanLinkRow(OtlpText.Hex(link.TraceId), OtlpText.Hex(link.SpanId), link.TraceState, AttributeText.ToSortedMap(link.Attributes));
        }

        return rows;
    }

    /// <summary>
    /// The metric arrays of a batched <c>ml.metrics</c> event live in metric history; the raw span keeps their count
    /// instead of a second copy of every point.
    /// </summary>
    private static List<KeyValuePair<string, string>> EventAttributes(Span.Types.Event e, TraceExport export)
    {
        if (e.Name != MlSemanticConventions.MetricsEvent)
        {
            return AttributeText.ToSortedMap(e.Attributes);
        }

        var map = AttributeText.ToSortedMap(e.Attributes, key => key is not (MlSemanticConventions.MetricKeys
            or MlSemanticConventions.MetricValues or MlSemanticConventions.MetricSteps or MlSemanticConventions.MetricTimestamps));
        if (!export.TryGetArrayPoints(e, out _, out var count))
        {
            count = e.Attributes.FirstOrDefault(a => a.Key == MlSemanticConventions.MetricKeys)?.Value?.ArrayValue?.Values.Count ?? 0;
        }

        map.Add(new(MlSemanticConventions.MetricCount, count.ToString(CultureInfo.InvariantCulture)));
        return map;
    }
}
