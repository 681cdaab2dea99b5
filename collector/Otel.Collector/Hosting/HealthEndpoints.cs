using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Otel.Collector.ClickHouse;
using Otel.Collector.Pipeline;

namespace Otel.Collector.Hosting;

/// <summary><c>/healthz</c>: the process serves. <c>/readyz</c>: storage answers and the writer runs.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapGet("/readyz", async (IClickHouseStore store, ExportPipeline pipeline, CancellationToken ct) =>
        {
            if (!pipeline.IsRunning)
            {
                return Results.Text("export pipeline stopped", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            try
            {
                await store.QueryAsync("SELECT 1", "TabSeparated", null, ct);
                return Results.Text("ready");
            }
            catch (Exception ex) when (ex is ClickHouseException or HttpRequestException or TimeoutException)
            {
                return Results.Text($"storage unavailable: {ex.Message}", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return endpoints;
    }
}
