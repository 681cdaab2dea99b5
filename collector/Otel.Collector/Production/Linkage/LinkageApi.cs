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
            ServingWindow parsed;
            try
            {
                parsed = string.IsNullOrEmpty(window) ? ProductionLinkageQuery.Window : ServingWindow.Parse(window);
            }
            catch (FormatException bad)
            {
                return QueryApi.Error(StatusCodes.Status400BadRequest, bad.Message);
            }

            var costs = await servingCost.GetAsync(model, parsed, ServingWindow.End(time.GetUtcNow()), ct);
            return Results.Json(await deployments.ListAsync(model, costs, ct), QueryJson.Options);
        });
        return endpoints;
    }
}
