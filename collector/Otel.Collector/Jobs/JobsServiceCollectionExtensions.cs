using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Otel.Collector.Jobs;

internal static class JobsServiceCollectionExtensions
{
    /// <summary>The jobs host and what it needs; idempotent.</summary>
    public static IServiceCollection AddJobsHost(this IServiceCollection services, JobOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton<JobWakeups>();
        if (!services.Any(d => d.ServiceType == typeof(JobsHost)))
        {
            services.AddSingleton<JobsHost>();
            services.AddHostedService(sp => sp.GetRequiredService<JobsHost>());
        }

        return services;
    }

    /// <summary>Registers a job with the jobs host (and as itself, for the code that wakes it).</summary>
    public static IServiceCollection AddJob<TJob>(this IServiceCollection services)
        where TJob : class, IJob
    {
        services.TryAddSingleton<TJob>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJob, TJob>(sp => sp.GetRequiredService<TJob>()));
        return services;
    }
}
