using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.Jobs;

namespace Otel.Collector.Production.Drift;

internal static class DriftServiceCollectionExtensions
{
    /// <summary>Drift on demand (<see cref="DriftApi"/>) and the drift job; after <c>AddModelRegistry</c> (it reads versions' baselines).</summary>
    public static IServiceCollection AddDrift(this IServiceCollection services, DriftOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<DriftQueries>();
        services.AddSingleton<DriftReports>();
        services.AddJob<DriftJob>();
        return services;
    }
}
