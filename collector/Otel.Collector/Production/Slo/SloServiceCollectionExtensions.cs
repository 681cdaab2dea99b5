using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.Jobs;

namespace Otel.Collector.Production.Slo;

internal static class SloServiceCollectionExtensions
{
    /// <summary>SLO definitions, their evaluation, the <c>serve --slos</c> file and the SLO job; after the audit trail.</summary>
    public static IServiceCollection AddSlos(this IServiceCollection services, SloOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<SloStore>();
        services.AddSingleton<SloApplier>();
        services.AddSingleton<SloDeleter>();
        services.AddSingleton<SloEvaluator>();
        services.AddSingleton<SloStatuses>();
        services.AddHostedService<SloFileApplier>();
        services.AddJob<SloJob>();
        return services;
    }
}
