namespace Otel.Grafana.Tests.Harness;

/// <summary>A query that Grafana or the plugin would reject before it reaches ClickHouse; the message says what to fix.</summary>
internal sealed class GrafanaQueryException(string message) : Exception(message);
