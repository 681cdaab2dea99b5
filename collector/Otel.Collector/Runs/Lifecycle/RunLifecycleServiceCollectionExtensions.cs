using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.ClickHouse.Schema;
using Otel.Collector.Jobs;

namespace Otel.Collector.Runs.Lifecycle;

internal static class RunLifecycleServiceCollectionExtensions
{
    /// <summary>Changes after the fact, the direct deletes of purge and retention, and the purge job; after <c>AddAuditTrail</c>.</summary>
    public static IServiceCollection AddRunLifecycle(this IServiceCollection services, RunLifecycleOptions options, StorageSchema schema)
    {
        services.AddSingleton(options);
        services.AddSingleton(schema);
        services.AddSingleton<LifecycleClock>();
        services.AddSingleton<RunLifecycleService>();
        services.AddSingleton<DirectDeletes>();
        services.AddSingleton<UnreferencedArtifacts>();
        services.AddSingleton<RunPurger>();
        services.AddJob<RunPurgeJob>();
        return services;
    }
}
