using Microsoft.Extensions.DependencyInjection;

namespace Otel.Collector.Production.Status;

internal static class ProductionStatusServiceCollectionExtensions
{
    /// <summary>A version's production status (<see cref="ProductionStatusApi"/>); after the registry, drift, SLOs, cost and linkage it reads.</summary>
    public static IServiceCollection AddProductionStatus(this IServiceCollection services)
    {
        services.AddSingleton<LatestDrift>();
        services.AddSingleton<VersionProductionQuery>();
        return services;
    }
}
