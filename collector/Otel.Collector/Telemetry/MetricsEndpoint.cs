using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Otel.Collector.Telemetry;

/// <summary><c>GET /metrics</c>: the collector's own counters for a Prometheus scrape (needs a read key once keys exist).</summary>
internal static class MetricsEndpoint
{
    public const string Route = "/metrics";

    public static IEndpointRouteBuilder MapCollectorMetrics(this IEndpointRouteBuilder endpoints)
    {
        // Created now, not at the first scrape: counts made before it would be lost.
        var exporter = endpoints.ServiceProvider.GetRequiredService<PrometheusExporter>();
        endpoints.MapGet(Route, () => Results.Text(exporter.Scrape(), PrometheusExporter.ContentType));
        return endpoints;
    }
}
