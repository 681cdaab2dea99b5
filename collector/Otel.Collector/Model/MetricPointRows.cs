namespace Otel.Collector.Model;

/// <summary>
/// One OTLP metric data point as the <c>otel_metrics_*</c> table of its kind stores it. Repeated numbers (buckets,
/// bounds) are read-only lists, so the decoder hands over the decoded arrays without copying them.
/// </summary>
internal abstract class MetricPointRow
{
    public required MetricStream Stream { get; init; }
    public required List<KeyValuePair<string, string>> Attributes { get; init; }
    public required ulong StartTimeUnixNano { get; init; }
    public required ulong TimeUnixNano { get; init; }
    public required uint Flags { get; init; }
}

/// <summary>A gauge or sum point.</summary>
internal sealed class NumberPointRow : MetricPointRow
{
    public required double Value { get; init; }
    public required IReadOnlyList<ExemplarRow> Exemplars { get; init; }
}

internal sealed class HistogramPointRow : MetricPointRow
{
    public required ulong Count { get; init; }
    public required double Sum { get; init; }
    public required IReadOnlyList<ulong> BucketCounts { get; init; }
    public required IReadOnlyList<double> ExplicitBounds { get; init; }
    public required IReadOnlyList<ExemplarRow> Exemplars { get; init; }
    public required double Min { get; init; }
    public required double Max { get; init; }
}

internal sealed class ExponentialHistogramPointRow : MetricPointRow
{
    public required ulong Count { get; init; }
    public required double Sum { get; init; }
    public required int Scale { get; init; }
    public required ulong ZeroCount { get; init; }
    public required int PositiveOffset { get; init; }
    public required IReadOnlyList<ulong> PositiveBucketCounts { get; init; }
    public required int NegativeOffset { get; init; }
    public required IReadOnlyList<ulong> NegativeBucketCounts { get; init; }
    public required IReadOnlyList<ExemplarRow> Exemplars { get; init; }
    public required double Min { get; init; }
    public required double Max { get; init; }
}

internal sealed class SummaryPointRow : MetricPointRow
{
    public required ulong Count { get; init; }
    public required double Sum { get; init; }
    public required double[] Quantiles { get; init; }
    public required double[] QuantileValues { get; init; }
}

/// <summary>An exemplar of a metric point; ids as lowercase hex.</summary>
internal readonly record struct ExemplarRow(List<KeyValuePair<string, string>> FilteredAttributes, ulong TimeUnixNano, double Value, string SpanId, string TraceId);
