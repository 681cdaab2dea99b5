namespace Otel.Tracking.Export;

/// <summary>The OTLP signals and the two ways to reach each one: the HTTP path and the gRPC service method.</summary>
internal static class OtlpSignal
{
    public const string Traces = "traces";
    public const string Metrics = "metrics";
    public const string Logs = "logs";

    public static readonly string[] All = [Traces, Metrics, Logs];

    /// <summary>The HTTP path below the endpoint, as the OTLP exporter appends it: <c>v1/traces</c>.</summary>
    public static string HttpPath(string signal) => "v1/" + signal;

    /// <summary>The gRPC method below the endpoint: <c>opentelemetry.proto.collector.trace.v1.TraceService/Export</c>.</summary>
    public static string GrpcPath(string signal) => signal switch
    {
        Traces => "opentelemetry.proto.collector.trace.v1.TraceService/Export",
        Metrics => "opentelemetry.proto.collector.metrics.v1.MetricsService/Export",
        Logs => "opentelemetry.proto.collector.logs.v1.LogsService/Export",
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "not an OTLP signal"),
    };
}
