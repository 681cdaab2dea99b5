namespace Otel.Grafana.Tests.Harness;

/// <summary>A dashboard's or an alert query's absolute time range, as Grafana hands it to the plugin.</summary>
internal readonly record struct GrafanaTimeRange(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The last <paramref name="span"/> up to <paramref name="now"/> (Grafana's "now-6h" to "now").</summary>
    public static GrafanaTimeRange Last(TimeSpan span, DateTimeOffset now) => new(now - span, now);

    public TimeSpan Span => To - From;
}
