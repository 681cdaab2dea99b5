using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.Jobs;

namespace Otel.Collector.Production.Cost;

internal static class CostServiceCollectionExtensions
{
    /// <summary>Prices, run and serving costs, and the run-cost job; after <c>AddJobsHost</c>.</summary>
    public static IServiceCollection AddCost(this IServiceCollection services, CostOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<PriceBook>();
        services.AddSingleton<RunCosts>();
        services.AddSingleton<ServingCostQuery>();
        services.AddJob<RunCostJob>();
        return services;
    }
}
