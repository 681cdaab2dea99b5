using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.Jobs;

namespace Otel.Collector.Retention;

internal static class RetentionServiceCollectionExtensions
{
    /// <summary>Retention policies, their forecast and the retention job; after <c>AddRunLifecycle</c> (it shares the direct deletes).</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, RetentionOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<RetentionPolicyStore>();
        services.AddSingleton<RetentionForecaster>();
        services.AddJob<RetentionJob>();
        return services;
    }
}
