using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;

namespace Otel.Collector.Audit;

internal static class AuditServiceCollectionExtensions
{
    /// <summary>The audit trail, its sequencer job and the chain reader; after <c>AddJobsHost</c>.</summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services, AuditOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<AuditChain>();
        services.AddSingleton<IAuditTrail>(sp => new AuditTrail(
            sp.GetRequiredService<ExportPipeline>(), sp.GetRequiredService<JobsHost>().Holder, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<JobWakeups>()));
        services.AddJob<AuditSequencerJob>();
        return services;
    }
}
