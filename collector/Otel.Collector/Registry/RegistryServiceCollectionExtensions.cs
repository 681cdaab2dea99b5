using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.Jobs;

namespace Otel.Collector.Registry;

internal static class RegistryServiceCollectionExtensions
{
    /// <summary>The registry's writer (with its lease job), reads, alias moves, registration, updates and resolution; after <c>AddJobsHost</c> and <c>AddAuditTrail</c>.</summary>
    public static IServiceCollection AddModelRegistry(this IServiceCollection services)
    {
        services.AddJob<RegistryWriterLease>();
        services.AddSingleton<RegistryWriter>();
        services.AddSingleton<RegistryQueries>();
        services.AddSingleton<AliasMoves>();
        services.AddSingleton<ModelRegistrar>();
        services.AddSingleton<ModelUpdates>();
        services.AddSingleton<ModelResolver>();
        services.AddSingleton<AliasChange>();
        return services;
    }
}
