namespace Otel.Cli.Bench;

/// <summary>One metric point of the benchmark's plan, before it is encoded into OTLP or into rows.</summary>
internal readonly record struct MetricPoint(string Key, double Value, long Step, ulong TimestampUnixNano);
