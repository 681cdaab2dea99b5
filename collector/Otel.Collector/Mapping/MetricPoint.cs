namespace Otel.Collector.Mapping;

/// <summary>One logged metric point of a run.</summary>
internal readonly record struct MetricPoint(string Key, double Value, long Step, ulong TimestampUnixNano);
