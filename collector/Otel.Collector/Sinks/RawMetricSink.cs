using System.Text.Json;
using Otel.Collector.Model;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Sinks;

/// <summary>Metric data points into the contrib exporter's <c>otel_metrics_*</c> tables, one per kind.</summary>
internal sealed class RawMetricSink : IIngestSink
{
    public void Write(IngestBatch batch, RowBatch rows)
    {
        foreach (var point in batch.MetricPoints)
        {
            switch (point)
            {
                case NumberPointRow number:
                    WriteNumber(rows.For(number.Stream.Kind == MetricKind.Sum ? StorageTable.OtelMetricsSum : StorageTable.OtelMetricsGauge), number);
                    break;
                case HistogramPointRow histogram:
                    WriteHistogram(rows.For(StorageTable.OtelMetricsHistogram), histogram);
                    break;
                case ExponentialHistogramPointRow exponential:
                    WriteExponentialHistogram(rows.For(StorageTable.OtelMetricsExpHistogram), exponential);
                    break;
                case SummaryPointRow summary:
                    WriteSummary(rows.For(StorageTable.OtelMetricsSummary), summary);
                    break;
            }
        }
    }

    private static Utf8JsonWriter BeginCommon(JsonEachRowWriter rows, MetricPointRow point)
    {
        var stream = point.Stream;
        var json = rows.BeginRow();
        json.WriteMap("ResourceAttributes", stream.Resource.Attributes);
        json.WriteString("ResourceSchemaUrl", stream.Resource.SchemaUrl);
        json.WriteString("ScopeName", stream.Scope.Name);
        json.WriteString("ScopeVersion", stream.Scope.Version);
        json.WriteMap("ScopeAttributes", stream.Scope.Attributes);
        json.WriteNumber("ScopeDroppedAttrCount", stream.Scope.DroppedAttributesCount);
        json.WriteString("ScopeSchemaUrl", stream.Scope.SchemaUrl);
        json.WriteString("ServiceName", stream.Resource.ServiceName);
        json.WriteString("MetricName", stream.Name);
        json.WriteString("MetricDescription", stream.Description);
        json.WriteString("MetricUnit", stream.Unit);
        json.WriteMap("Attributes", point.Attributes);
        json.WriteTime("StartTimeUnix", point.StartTimeUnixNano);
        json.WriteTime("TimeUnix", point.TimeUnixNano);
        return json;
    }

    private static void WriteNumber(JsonEachRowWriter rows, NumberPointRow point)
    {
        var json = BeginCommon(rows, point);
        json.WriteFloat("Value", point.Value);
        json.WriteNumber("Flags", point.Flags);
        ExemplarColumns.Write(json, point.Exemplars);
        if (point.Stream.Kind == MetricKind.Sum)
        {
            json.WriteNumber("AggregationTemporality", point.Stream.AggregationTemporality);
            json.WriteBoolean("IsMonotonic", point.Stream.IsMonotonic);
        }

        rows.EndRow();
    }

    private static void WriteHistogram(JsonEachRowWriter rows, HistogramPointRow point)
    {
        var json = BeginCommon(rows, point);
        json.WriteNumber("Count", point.Count);
        json.WriteFloat("Sum", point.Sum);
        WriteArray(json, "BucketCounts", point.BucketCounts);
        json.WriteStartArray("ExplicitBounds");
        foreach (var bound in point.ExplicitBounds) { json.WriteFloatValue(bound); }
        json.WriteEndArray();
        ExemplarColumns.Write(json, point.Exemplars);
        json.WriteNumber("Flags", point.Flags);
        json.WriteFloat("Min", point.Min);
        json.WriteFloat("Max", point.Max);
        json.WriteNumber("AggregationTemporality", point.Stream.AggregationTemporality);
        rows.EndRow();
    }

    private static void WriteExponentialHistogram(JsonEachRowWriter rows, ExponentialHistogramPointRow point)
    {
        var json = BeginCommon(rows, point);
        json.WriteNumber("Count", point.Count);
        json.WriteFloat("Sum", point.Sum);
        json.WriteNumber("Scale", point.Scale);
        json.WriteNumber("ZeroCount", point.ZeroCount);
        json.WriteNumber("PositiveOffset", point.PositiveOffset);
        WriteArray(json, "PositiveBucketCounts", point.PositiveBucketCounts);
        json.WriteNumber("NegativeOffset", point.NegativeOffset);
        WriteArray(json, "NegativeBucketCounts", point.NegativeBucketCounts);
        ExemplarColumns.Write(json, point.Exemplars);
        json.WriteNumber("Flags", point.Flags);
        json.WriteFloat("Min", point.Min);
        json.WriteFloat("Max", point.Max);
        json.WriteNumber("AggregationTemporality", point.Stream.AggregationTemporality);
        rows.EndRow();
    }

    private static void WriteSummary(JsonEachRowWriter rows, SummaryPointRow point)
    {
        var json = BeginCommon(rows, point);
        json.WriteNumber("Count", point.Count);
        json.WriteFloat("Sum", point.Sum);
        json.WriteStartArray("ValueAtQuantiles.Quantile");
        foreach (var q in point.Quantiles) { json.WriteFloatValue(q); }
        json.WriteEndArray();
        json.WriteStartArray("ValueAtQuantiles.Value");
        foreach (var v in point.QuantileValues) { json.WriteFloatValue(v); }
        json.WriteEndArray();
        json.WriteNumber("Flags", point.Flags);
        rows.EndRow();
    }

    private static void WriteArray(Utf8JsonWriter json, string column, IReadOnlyList<ulong> values)
    {
        json.WriteStartArray(column);
        foreach (var value in values) { json.WriteNumberValue(value); }
        json.WriteEndArray();
    }
}
