namespace Otel.Collector.Query.RunFilter;

/// <summary>What the part before the dot of a filter identifier names, as in MLflow: <c>metrics.</c>, <c>params.</c>, <c>tags.</c>, <c>attributes.</c>.</summary>
internal enum FilterEntity
{
    Metric,
    Param,
    Tag,
    Attribute,
}
