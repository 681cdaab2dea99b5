using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Otel.Collector.Telemetry;

/// <summary><c>GET /metrics</c>: the collector's own metrics for a Prometheus scrape (needs a read key once keys exist).</summary>
internal static class MetricsEndpoint
{
    public const string Route = "/metrics";

    public static IEndpointRouteBuilder MapCollectorMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(Route);
        return endpoints;
    }
}
