namespace Otel.Collector.Limits;

/// <summary>The three OTLP export signals, for what differs between their requests before decoding.</summary>
internal enum OtlpSignal
{
    Traces,
    Metrics,
    Logs,
}
