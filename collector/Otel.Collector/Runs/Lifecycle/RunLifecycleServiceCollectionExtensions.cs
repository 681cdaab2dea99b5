using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.Audit;
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
        // Jobs take the audit trail lazily: the trail is built from the jobs host (its holder id), which builds the jobs,
        // so a job that asked for the trail itself would wait for the host that is waiting for it.
        services.AddSingleton(sp => new Lazy<IAuditTrail>(sp.GetRequiredService<IAuditTrail>));
        services.AddSingleton<RunPurger>();
        services.AddJob<RunPurgeJob>();
        return services;
    }
}
