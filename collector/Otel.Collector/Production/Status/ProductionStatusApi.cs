using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Otel.Collector.Registry;
using Otel.Tracking.Query;

namespace Otel.Collector.Production.Status;

/// <summary>
/// <c>GET /api/models/{name}/versions/{version}/production[?window=1h]</c>: a version in production now
/// (<see cref="Otel.Tracking.Query.Production.VersionProduction"/>, docs/production.md). 400 for a malformed version or
/// window, 404 for an unknown model or version; a version without traffic answers 200 with none.
/// </summary>
internal static class ProductionStatusApi
{
    public static IEndpointRouteBuilder MapProductionStatusApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/models/{name}/versions/{version}/production", (VersionProductionQuery query, string name, string version, string? window, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () =>
                Results.Json(await query.GetAsync(name, ModelNames.ParseVersion(version), Window(window), ct), QueryJson.Options)));
        return endpoints;
    }

    private static ServingWindow Window(string? text)
    {
        try
        {
            return string.IsNullOrEmpty(text) ? VersionProductionQuery.DefaultWindow : ServingWindow.Parse(text);
        }
        catch (FormatException bad)
        {
            throw RegistryRefusal.BadInput(bad.Message);
        }
    }
}
