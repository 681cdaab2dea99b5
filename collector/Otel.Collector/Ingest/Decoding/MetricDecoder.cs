using System.Text.Json;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Metrics.V1;
using Otel.Collector.Export;
using Otel.Collector.Redaction;
using Otel.Tracking;

namespace Otel.Collector.Mapping;

/// <summary>
/// Maps an OTLP metrics export to the contrib exporter's metric tables. Number points whose
/// attributes carry <c>ml.run.id</c> also become metric history of that run (system metrics).
/// </summary>
internal static class MetricRowMapper
{
    public static MapResult Map(ExportMetricsServiceRequest request, RowBatch batch, SecretRedactor redactor)
    {
        var result = new MapResult();
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = AttributeText.ToSortedMap(resourceMetrics.Resource?.Attributes ?? [], redactor);
            var context = new MetricContext(resource, resource.FirstOrDefault(kv => kv.Key == "service.name").Value ?? string.Empty, resourceMetrics.SchemaUrl, redactor);
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                foreach (var metric in scopeMetrics.Metrics)
                {
                    MapMetric(batch, result, context, scopeMetrics, metric);
                }
            }
        }

        return result;
    }

    private static void MapMetric(RowBatch batch, MapResult result, MetricContext context, ScopeMetrics scope, Metric metric)
    {
        if (string.IsNullOrEmpty(metric.Name))
        {
            for (var i = 0; i < PointCount(metric); i++)
            {
                result.Reject("metric without a name");
            }

            return;
        }

        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge:
                foreach (var point in metric.Gauge.DataPoints)
                {
                    WriteNumber(batch.For(StorageTable.OtelMetricsGauge), context, scope, metric, point, null);
                    WriteRunMetric(batch, metric, point);
                    result.Accept();
                }

                break;
            case Metric.DataOneofCase.Sum:
                foreach (var point in metric.Sum.DataPoints)
                {
                    WriteNumber(batch.For(StorageTable.OtelMetricsSum), context, scope, metric, point, metric.Sum);
                    WriteRunMetric(batch, metric, point);
                    result.Accept();
                }

                break;
            case Metric.DataOneofCase.Histogram:
                foreach (var point in metric.Histogram.DataPoints)
                {
                    if (point.BucketCounts.Count != 0 && point.BucketCounts.Count != point.ExplicitBounds.Count + 1)
                    {
                        result.Reject($"histogram '{metric.Name}': bucket_counts must have one more entry than explicit_bounds");
                        continue;
                    }

                    WriteHistogram(batch.For(StorageTable.OtelMetricsHistogram), context, scope, metric, point);
                    result.Accept();
                }

                break;
            case Metric.DataOneofCase.ExponentialHistogram:
                foreach (var point in metric.ExponentialHistogram.DataPoints)
                {
                    WriteExponentialHistogram(batch.For(StorageTable.OtelMetricsExpHistogram), context, scope, metric, point);
                    result.Accept();
                }

                break;
            case Metric.DataOneofCase.Summary:
                foreach (var point in metric.Summary.DataPoints)
                {
                    WriteSummary(batch.For(StorageTable.OtelMetricsSummary), context, scope, metric, point);
                    result.Accept();
                }

                break;
        }
    }

    private static int PointCount(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Count,
        Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Count,
        Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Count,
        Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints.Count,
        Metric.DataOneofCase.Summary => metric.Summary.DataPoints.Count,
        _ => 0,
    };

    private static double NumberValue(NumberDataPoint point) =>
        point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble;

    /// <summary>A number point of a run becomes run history; its step is the point's unix second, so history stays in time order.</summary>
    private static void WriteRunMetric(RowBatch batch, Metric metric, NumberDataPoint point)
    {
        string? runId = null, experiment = null;
        foreach (var attribute in point.Attributes)
        {
            if (attribute.Key == MlSemanticConventions.RunId && attribute.Value?.ValueCase == AnyValue.ValueOneofCase.StringValue)
            {
                runId = attribute.Value.StringValue;
            }
            else if (attribute.Key == MlSemanticConventions.ExperimentName)
            {
                experiment = AttributeText.ToText(attribute.Value);
            }
        }

        if (string.IsNullOrEmpty(runId) || runId.Length > RunSpanFacts.RunIdMaxLength)
        {
            return;
        }

        MlMetricRows.Write(batch.MlMetrics, runId, experiment ?? string.Empty, metric.Name,
            (long)(point.TimeUnixNano / 1_000_000_000), NumberValue(point), point.TimeUnixNano, MlMetricRows.Sources.OtelMetric);
    }

    private static Utf8JsonWriter BeginCommon(JsonEachRowWriter rows, MetricContext context, ScopeMetrics scope, Metric metric,
        RepeatedField<KeyValue> attributes, ulong startTime, ulong time)
    {
        var json = rows.BeginRow();
        json.WriteMap("ResourceAttributes", context.Resource);
        json.WriteString("ResourceSchemaUrl", context.SchemaUrl);
        json.WriteString("ScopeName", scope.Scope?.Name ?? string.Empty);
        json.WriteString("ScopeVersion", scope.Scope?.Version ?? string.Empty);
        json.WriteMap("ScopeAttributes", AttributeText.ToSortedMap(scope.Scope?.Attributes ?? [], context.Redactor));
        json.WriteNumber("ScopeDroppedAttrCount", scope.Scope?.DroppedAttributesCount ?? 0);
        json.WriteString("ScopeSchemaUrl", scope.SchemaUrl);
        json.WriteString("ServiceName", context.ServiceName);
        json.WriteString("MetricName", metric.Name);
        json.WriteString("MetricDescription", metric.Description);
        json.WriteString("MetricUnit", metric.Unit);
        json.WriteMap("Attributes", AttributeText.ToSortedMap(attributes, context.Redactor));
        json.WriteTime("StartTimeUnix", startTime);
        json.WriteTime("TimeUnix", time);
        return json;
    }

    private static void WriteNumber(JsonEachRowWriter rows, MetricContext context, ScopeMetrics scope, Metric metric, NumberDataPoint point, Sum? sum)
    {
        var json = BeginCommon(rows, context, scope, metric, point.Attributes, point.StartTimeUnixNano, point.TimeUnixNano);
        json.WriteFloat("Value", NumberValue(point));
        json.WriteNumber("Flags", point.Flags);
        ExemplarColumns.Write(json, point.Exemplars, context.Redactor);
        if (sum is not null)
        {
            json.WriteNumber("AggregationTemporality", (int)sum.AggregationTemporality);
            json.WriteBoolean("IsMonotonic", sum.IsMonotonic);
        }

        rows.EndRow();
    }

    private static void WriteHistogram(JsonEachRowWriter rows, MetricContext context, ScopeMetrics scope, Metric metric, HistogramDataPoint point)
    {
        var json = BeginCommon(rows, context, scope, metric, point.Attributes, point.StartTimeUnixNano, point.TimeUnixNano);
        json.WriteNumber("Count", point.Count);
        json.WriteFloat("Sum", point.HasSum ? point.Sum : 0);
        WriteArray(json, "BucketCounts", point.BucketCounts);
        json.WriteStartArray("ExplicitBounds");
        foreach (var bound in point.ExplicitBounds) { json.WriteFloatValue(bound); }
        json.WriteEndArray();
        ExemplarColumns.Write(json, point.Exemplars, context.Redactor);
        json.WriteNumber("Flags", point.Flags);
        json.WriteFloat("Min", point.HasMin ? point.Min : 0);
        json.WriteFloat("Max", point.HasMax ? point.Max : 0);
        json.WriteNumber("AggregationTemporality", (int)metric.Histogram.AggregationTemporality);
        rows.EndRow();
    }

    private static void WriteExponentialHistogram(JsonEachRowWriter rows, MetricContext context, ScopeMetrics scope, Metric metric, ExponentialHistogramDataPoint point)
    {
        var json = BeginCommon(rows, context, scope, metric, point.Attributes, point.StartTimeUnixNano, point.TimeUnixNano);
        json.WriteNumber("Count", point.Count);
        json.WriteFloat("Sum", point.HasSum ? point.Sum : 0);
        json.WriteNumber("Scale", point.Scale);
        json.WriteNumber("ZeroCount", point.ZeroCount);
        json.WriteNumber("PositiveOffset", point.Positive?.Offset ?? 0);
        WriteArray(json, "PositiveBucketCounts", point.Positive?.BucketCounts ?? []);
        json.WriteNumber("NegativeOffset", point.Negative?.Offset ?? 0);
        WriteArray(json, "NegativeBucketCounts", point.Negative?.BucketCounts ?? []);
        ExemplarColumns.Write(json, point.Exemplars, context.Redactor);
        json.WriteNumber("Flags", point.Flags);
        json.WriteFloat("Min", point.HasMin ? point.Min : 0);
        json.WriteFloat("Max", point.HasMax ? point.Max : 0);
        json.WriteNumber("AggregationTemporality", (int)metric.ExponentialHistogram.AggregationTemporality);
        rows.EndRow();
    }

    private static void WriteSummary(JsonEachRowWriter rows, MetricContext context, ScopeMetrics scope, Metric metric, SummaryDataPoint point)
    {
        var json = BeginCommon(rows, context, scope, metric, point.Attributes, point.StartTimeUnixNano, point.TimeUnixNano);
        json.WriteNumber("Count", point.Count);
        json.WriteFloat("Sum", point.Sum);
        json.WriteStartArray("ValueAtQuantiles.Quantile");
        foreach (var q in point.QuantileValues) { json.WriteFloatValue(q.Quantile); }
        json.WriteEndArray();
        json.WriteStartArray("ValueAtQuantiles.Value");
        foreach (var q in point.QuantileValues) { json.WriteFloatValue(q.Value); }
        json.WriteEndArray();
        json.WriteNumber("Flags", point.Flags);
        rows.EndRow();
    }

    private static void WriteArray(Utf8JsonWriter json, string column, RepeatedField<ulong> values)
    {
        json.WriteStartArray(column);
        foreach (var value in values) { json.WriteNumberValue(value); }
        json.WriteEndArray();
    }

    private sealed record MetricContext(List<KeyValuePair<string, string>> Resource, string ServiceName, string SchemaUrl, SecretRedactor Redactor);
}
