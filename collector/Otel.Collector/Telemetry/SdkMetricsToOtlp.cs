using System.Globalization;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Metrics.V1;
using ProtoMetric = OpenTelemetry.Proto.Metrics.V1.Metric;
using ProtoResource = OpenTelemetry.Proto.Resource.V1.Resource;
using ProtoTemporality = OpenTelemetry.Proto.Metrics.V1.AggregationTemporality;
using SdkMetric = OpenTelemetry.Metrics.Metric;

namespace Otel.Collector.Telemetry;

/// <summary>
/// The OpenTelemetry SDK's metrics as the OTLP request the collector's receivers decode, so the collector stores its own
/// metrics through its own ingest path. Covers the instrument kinds <see cref="CollectorMeter"/> uses: sums, gauges
/// and explicit-bucket histograms.
/// </summary>
internal static class SdkMetricsToOtlp
{
    public static ExportMetricsServiceRequest Convert(in Batch<SdkMetric> batch, IEnumerable<KeyValuePair<string, object>> resource)
    {
        var resourceMetrics = new ResourceMetrics { Resource = new ProtoResource() };
        resourceMetrics.Resource.Attributes.Add(resource.Select(a => Attribute(a.Key, a.Value)));
        var scopes = new Dictionary<(string Name, string Version), ScopeMetrics>();
        foreach (var metric in batch)
        {
            var scopeKey = (metric.MeterName, metric.MeterVersion ?? string.Empty);
            if (!scopes.TryGetValue(scopeKey, out var scope))
            {
                scope = new ScopeMetrics { Scope = new InstrumentationScope { Name = scopeKey.MeterName, Version = scopeKey.Item2 } };
                scopes[scopeKey] = scope;
                resourceMetrics.ScopeMetrics.Add(scope);
            }

            if (Convert(metric) is { } converted)
            {
                scope.Metrics.Add(converted);
            }
        }

        var request = new ExportMetricsServiceRequest();
        request.ResourceMetrics.Add(resourceMetrics);
        return request;
    }

    private static ProtoMetric? Convert(SdkMetric metric)
    {
        var converted = new ProtoMetric { Name = metric.Name, Description = metric.Description ?? string.Empty, Unit = metric.Unit ?? string.Empty };
        var temporality = metric.Temporality == OpenTelemetry.Metrics.AggregationTemporality.Delta
            ? ProtoTemporality.Delta
            : ProtoTemporality.Cumulative;
        if (metric.MetricType.IsSum())
        {
            converted.Sum = new Sum
            {
                AggregationTemporality = temporality,
                IsMonotonic = metric.MetricType is MetricType.LongSum or MetricType.DoubleSum,
            };
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                converted.Sum.DataPoints.Add(metric.MetricType.IsDouble() ? NumberPoint(point, point.GetSumDouble()) : NumberPoint(point, point.GetSumLong()));
            }
        }
        else if (metric.MetricType.IsGauge())
        {
            converted.Gauge = new Gauge();
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                converted.Gauge.DataPoints.Add(metric.MetricType.IsDouble() ? NumberPoint(point, point.GetGaugeLastValueDouble()) : NumberPoint(point, point.GetGaugeLastValueLong()));
            }
        }
        else if (metric.MetricType == MetricType.Histogram)
        {
            converted.Histogram = new Histogram { AggregationTemporality = temporality };
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                converted.Histogram.DataPoints.Add(HistogramPoint(point));
            }
        }
        else
        {
            // Exponential histograms: no instrument of the collector asks for them.
            return null;
        }

        return converted;
    }

    private static NumberDataPoint NumberPoint(in MetricPoint point, double value)
    {
        var converted = new NumberDataPoint { StartTimeUnixNano = UnixNanos(point.StartTime), TimeUnixNano = UnixNanos(point.EndTime), AsDouble = value };
        AddTags(converted.Attributes, point);
        return converted;
    }

    private static NumberDataPoint NumberPoint(in MetricPoint point, long value)
    {
        var converted = new NumberDataPoint { StartTimeUnixNano = UnixNanos(point.StartTime), TimeUnixNano = UnixNanos(point.EndTime), AsInt = value };
        AddTags(converted.Attributes, point);
        return converted;
    }

    private static HistogramDataPoint HistogramPoint(in MetricPoint point)
    {
        var converted = new HistogramDataPoint
        {
            StartTimeUnixNano = UnixNanos(point.StartTime),
            TimeUnixNano = UnixNanos(point.EndTime),
            Count = (ulong)point.GetHistogramCount(),
            Sum = point.GetHistogramSum(),
        };
        foreach (var bucket in point.GetHistogramBuckets())
        {
            // The last bucket is the overflow (+Inf): OTLP lists one bound fewer than counts.
            converted.BucketCounts.Add((ulong)bucket.BucketCount);
            if (!double.IsPositiveInfinity(bucket.ExplicitBound))
            {
                converted.ExplicitBounds.Add(bucket.ExplicitBound);
            }
        }

        if (point.TryGetHistogramMinMaxValues(out var min, out var max))
        {
            converted.Min = min;
            converted.Max = max;
        }

        AddTags(converted.Attributes, point);
        return converted;
    }

    private static void AddTags(Google.Protobuf.Collections.RepeatedField<KeyValue> attributes, in MetricPoint point)
    {
        foreach (var tag in point.Tags)
        {
            attributes.Add(Attribute(tag.Key, tag.Value));
        }
    }

    private static KeyValue Attribute(string key, object? value) => new()
    {
        Key = key,
        Value = value switch
        {
            string text => new AnyValue { StringValue = text },
            bool flag => new AnyValue { BoolValue = flag },
            int or long or short or byte => new AnyValue { IntValue = System.Convert.ToInt64(value, CultureInfo.InvariantCulture) },
            double or float => new AnyValue { DoubleValue = System.Convert.ToDouble(value, CultureInfo.InvariantCulture) },
            _ => new AnyValue { StringValue = System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty },
        },
    };

    private static ulong UnixNanos(DateTimeOffset time) => (ulong)(time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
}
