using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Metrics.V1;
using Otel.Collector.Model;
using Otel.Tracking;

namespace Otel.Collector.Ingest.Decoding;

/// <summary>
/// Decodes an OTLP metrics export into raw data points. Number points whose attributes carry <c>ml.run.id</c>
/// also become metric history of that run (system metrics), one key per series.
/// </summary>
internal static class MetricDecoder
{
    public static IngestBatch Decode(ExportMetricsServiceRequest request, ulong receivedAtUnixNano)
    {
        var batch = new IngestBatch(receivedAtUnixNano);
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = new OtelResource(AttributeText.ToSortedMap(resourceMetrics.Resource?.Attributes ?? []), resourceMetrics.SchemaUrl);
            batch.Resources.Add(resource);
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var scope = new OtelScope(scopeMetrics.Scope?.Name ?? string.Empty, scopeMetrics.Scope?.Version ?? string.Empty,
                    AttributeText.ToSortedMap(scopeMetrics.Scope?.Attributes ?? []), scopeMetrics.Scope?.DroppedAttributesCount ?? 0, scopeMetrics.SchemaUrl);
                batch.Scopes.Add(scope);
                foreach (var metric in scopeMetrics.Metrics)
                {
                    DecodeMetric(batch, resource, scope, metric);
                }
            }
        }

        return batch;
    }

    private static void DecodeMetric(IngestBatch batch, OtelResource resource, OtelScope scope, Metric metric)
    {
        if (string.IsNullOrEmpty(metric.Name))
        {
            for (var i = 0; i < PointCount(metric); i++)
            {
                batch.Tally.Reject("metric without a name");
            }

            return;
        }

        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge:
                var gauge = Stream(resource, scope, metric, MetricKind.Gauge, 0, false);
                foreach (var point in metric.Gauge.DataPoints)
                {
                    AddNumber(batch, gauge, point);
                }

                break;
            case Metric.DataOneofCase.Sum:
                var sum = Stream(resource, scope, metric, MetricKind.Sum, (int)metric.Sum.AggregationTemporality, metric.Sum.IsMonotonic);
                foreach (var point in metric.Sum.DataPoints)
                {
                    AddNumber(batch, sum, point);
                }

                break;
            case Metric.DataOneofCase.Histogram:
                var histogram = Stream(resource, scope, metric, MetricKind.Histogram, (int)metric.Histogram.AggregationTemporality, false);
                foreach (var point in metric.Histogram.DataPoints)
                {
                    if (point.BucketCounts.Count != 0 && point.BucketCounts.Count != point.ExplicitBounds.Count + 1)
                    {
                        batch.Tally.Reject($"histogram '{metric.Name}': bucket_counts must have one more entry than explicit_bounds");
                        continue;
                    }

                    batch.MetricPoints.Add(MetricPoints.Histogram(histogram, point));
                    batch.Tally.Accept();
                }

                break;
            case Metric.DataOneofCase.ExponentialHistogram:
                var exponential = Stream(resource, scope, metric, MetricKind.ExponentialHistogram, (int)metric.ExponentialHistogram.AggregationTemporality, false);
                foreach (var point in metric.ExponentialHistogram.DataPoints)
                {
                    batch.MetricPoints.Add(MetricPoints.ExponentialHistogram(exponential, point));
                    batch.Tally.Accept();
                }

                break;
            case Metric.DataOneofCase.Summary:
                var summary = Stream(resource, scope, metric, MetricKind.Summary, 0, false);
                foreach (var point in metric.Summary.DataPoints)
                {
                    batch.MetricPoints.Add(MetricPoints.Summary(summary, point));
                    batch.Tally.Accept();
                }

                break;
        }
    }

    private static MetricStream Stream(OtelResource resource, OtelScope scope, Metric metric, MetricKind kind, int temporality, bool isMonotonic) =>
        new(resource, scope, kind, metric.Name, metric.Description, metric.Unit, temporality, isMonotonic);

    private static void AddNumber(IngestBatch batch, MetricStream stream, NumberDataPoint point)
    {
        if (RunIdError(point) is { } error)
        {
            batch.Tally.Reject($"metric '{stream.Name}': {error}");
            return;
        }

        batch.MetricPoints.Add(MetricPoints.Number(stream, point));
        AddRunPoint(batch.MetricHistory, stream.Name, point);
        batch.Tally.Accept();
    }

    /// <summary>The data points of one metric, whatever its kind (the edge limits count requests with it too).</summary>
    public static int PointCount(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Count,
        Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Count,
        Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Count,
        Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints.Count,
        Metric.DataOneofCase.Summary => metric.Summary.DataPoints.Count,
        _ => 0,
    };

    /// <summary>A point that names a run names it with a valid run id, as a span must; else the point is refused whole.</summary>
    private static string? RunIdError(NumberDataPoint point)
    {
        foreach (var attribute in point.Attributes)
        {
            if (attribute.Key == MlSemanticConventions.RunId)
            {
                return RunIdRule.Reason(MlSemanticConventions.RunId,
                    attribute.Value?.ValueCase == AnyValue.ValueOneofCase.StringValue ? attribute.Value.StringValue : string.Empty);
            }
        }

        return null;
    }

    /// <summary>
    /// A number point of a run becomes run history; its step is the point's unix second, so history stays in time order.
    /// Series of one metric told apart by other attributes (<c>disk.io.direction=read</c>) stay apart: each attribute
    /// value, in attribute key order, is appended to the key (<c>system.disk.io.read</c>).
    /// </summary>
    private static void AddRunPoint(MetricColumns history, string name, NumberDataPoint point)
    {
        string? runId = null, experiment = null;
        List<KeyValue>? series = null;
        foreach (var attribute in point.Attributes)
        {
            if (attribute.Key == MlSemanticConventions.RunId)
            {
                runId ??= attribute.Value.StringValue;
            }
            else if (attribute.Key == MlSemanticConventions.ExperimentName)
            {
                experiment = AttributeText.ToText(attribute.Value);
            }
            else
            {
                (series ??= []).Add(attribute);
            }
        }

        if (runId is null)
        {
            return;
        }

        var start = history.Count;
        history.Add(SeriesKey(name, series), MetricPoints.NumberValue(point), (long)(point.TimeUnixNano / 1_000_000_000), point.TimeUnixNano);
        history.EndSegment(start, runId, experiment ?? string.Empty, MetricSource.OtelMetric);
    }

    private static string SeriesKey(string name, List<KeyValue>? attributes)
    {
        if (attributes is null)
        {
            return name;
        }

        attributes.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return name + "." + string.Join('.', attributes.Select(a => AttributeText.ToText(a.Value)));
    }
}
