using Microsoft.Extensions.DependencyInjection;

namespace Otel.Collector.Registry.Governance;

internal static class GovernanceServiceCollectionExtensions
{
    /// <summary>Gates, approvals, promotions and deployments; after <c>AddModelRegistry</c> and <c>AddWebhookNotifier</c>.</summary>
    public static IServiceCollection AddModelGovernance(this IServiceCollection services)
    {
        services.AddSingleton<GovernanceQueries>();
        services.AddSingleton<GateChanges>();
        services.AddSingleton<ApprovalDecisions>();
        services.AddSingleton<Promotions>();
        services.AddSingleton<Deployments>();
        return services;
    }
}
