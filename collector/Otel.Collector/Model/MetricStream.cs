namespace Otel.Collector.Model;

/// <summary>The kind of an OTLP metric, which decides the <c>otel_metrics_*</c> table of its points.</summary>
internal enum MetricKind
{
    Gauge,
    Sum,
    Histogram,
    ExponentialHistogram,
    Summary,
}

/// <summary>One OTLP metric (name, unit, kind and temporality), shared by its data points.</summary>
internal sealed record MetricStream(
    OtelResource Resource, OtelScope Scope, MetricKind Kind, string Name, string Description, string Unit,
    int AggregationTemporality, bool IsMonotonic);
