using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Otel.Collector.Production.Cost;
using Otel.Collector.Query;
using Otel.Tracking.Query;

namespace Otel.Collector.Production.Linkage;

/// <summary><c>GET /api/production/deployments[?model=NAME][&amp;window=24h]</c> (docs/linkage-and-cost.md).</summary>
internal static class LinkageApi
{
    public static IEndpointRouteBuilder MapLinkageApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/production/deployments", async (
            ProductionDeployments deployments, ServingCostQuery servingCost, TimeProvider time, string? model, string? window, CancellationToken ct) =>
        {
            var (parsed, error) = ProductionWindow.Parse(window, time.GetUtcNow());
            if (parsed is null)
            {
                return QueryApi.Error(StatusCodes.Status400BadRequest, error!);
            }

            var costs = await servingCost.GetAsync(model, parsed, ct);
            return Results.Json(await deployments.ListAsync(model, costs, ct), QueryJson.Options);
        });
        return endpoints;
    }
}
