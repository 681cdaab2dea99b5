namespace Otel.Collector.Telemetry;

/// <summary>The values of the <c>signal</c> and <c>transport</c> attributes of the collector's own metrics.</summary>
internal static class OtlpSignals
{
    public const string Traces = "traces";
    public const string Metrics = "metrics";
    public const string Logs = "logs";

    public const string Grpc = "grpc";
    public const string Http = "http";
}
