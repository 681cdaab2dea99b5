using Microsoft.Extensions.DependencyInjection;

namespace Otel.Collector.Production.Linkage;

internal static class LinkageServiceCollectionExtensions
{
    /// <summary>Deployments from telemetry and the production linkage rate (M8).</summary>
    public static IServiceCollection AddProductionLinkage(this IServiceCollection services)
    {
        services.AddSingleton<ProductionDeployments>();
        services.AddSingleton<ProductionLinkageQuery>();
        return services;
    }
}
