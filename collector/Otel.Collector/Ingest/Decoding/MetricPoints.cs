using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Metrics.V1;
using Otel.Collector.Model;

namespace Otel.Collector.Ingest.Decoding;

/// <summary>Reads OTLP data points into raw <see cref="MetricPointRow"/>s; repeated numbers are handed over without a copy.</summary>
internal static class MetricPoints
{
    public static double NumberValue(NumberDataPoint point) =>
        point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble;

    public static NumberPointRow Number(MetricStream stream, NumberDataPoint point) => new()
    {
        Stream = stream,
        Attributes = AttributeText.ToSortedMap(point.Attributes),
        StartTimeUnixNano = point.StartTimeUnixNano,
        TimeUnixNano = point.TimeUnixNano,
        Flags = point.Flags,
        Value = NumberValue(point),
        Exemplars = Exemplars(point.Exemplars),
    };

    public static HistogramPointRow Histogram(MetricStream stream, HistogramDataPoint point) => new()
    {
        Stream = stream,
        Attributes = AttributeText.ToSortedMap(point.Attributes),
        StartTimeUnixNano = point.StartTimeUnixNano,
        TimeUnixNano = point.TimeUnixNano,
        Flags = point.Flags,
        Count = point.Count,
        Sum = point.HasSum ? point.Sum : 0,
        BucketCounts = point.BucketCounts,
        ExplicitBounds = point.ExplicitBounds,
        Exemplars = Exemplars(point.Exemplars),
        Min = point.HasMin ? point.Min : 0,
        Max = point.HasMax ? point.Max : 0,
    };

    public static ExponentialHistogramPointRow ExponentialHistogram(MetricStream stream, ExponentialHistogramDataPoint point) => new()
    {
        Stream = stream,
        Attributes = AttributeText.ToSortedMap(point.Attributes),
        StartTimeUnixNano = point.StartTimeUnixNano,
        TimeUnixNano = point.TimeUnixNano,
        Flags = point.Flags,
        Count = point.Count,
        Sum = point.HasSum ? point.Sum : 0,
        Scale = point.Scale,
        ZeroCount = point.ZeroCount,
        PositiveOffset = point.Positive?.Offset ?? 0,
        PositiveBucketCounts = point.Positive?.BucketCounts ?? [],
        NegativeOffset = point.Negative?.Offset ?? 0,
        NegativeBucketCounts = point.Negative?.BucketCounts ?? [],
        Exemplars = Exemplars(point.Exemplars),
        Min = point.HasMin ? point.Min : 0,
        Max = point.HasMax ? point.Max : 0,
    };

    public static SummaryPointRow Summary(MetricStream stream, SummaryDataPoint point) => new()
    {
        Stream = stream,
        Attributes = AttributeText.ToSortedMap(point.Attributes),
        StartTimeUnixNano = point.StartTimeUnixNano,
        TimeUnixNano = point.TimeUnixNano,
        Flags = point.Flags,
        Count = point.Count,
        Sum = point.Sum,
        Quantiles = [.. point.QuantileValues.Select(q => q.Quantile)],
        QuantileValues = [.. point.QuantileValues.Select(q => q.Value)],
    };

    private static ExemplarRow[] Exemplars(RepeatedField<Exemplar> exemplars)
    {
        if (exemplars.Count == 0)
        {
            return [];
        }

        var rows = new ExemplarRow[exemplars.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var e = exemplars[i];
            rows[i] = new ExemplarRow(AttributeText.ToSortedMap(e.FilteredAttributes), e.TimeUnixNano,
                e.ValueCase == Exemplar.ValueOneofCase.AsInt ? e.AsInt : e.AsDouble, OtlpText.Hex(e.SpanId), OtlpText.Hex(e.TraceId));
        }

        return rows;
    }
}
