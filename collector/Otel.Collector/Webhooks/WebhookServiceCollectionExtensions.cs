using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Otel.Collector.Audit;

namespace Otel.Collector.Webhooks;

internal static class WebhookServiceCollectionExtensions
{
    /// <summary>The webhook notifier (a no-op without a URL); after <c>AddAuditTrail</c>.</summary>
    public static IServiceCollection AddWebhookNotifier(this IServiceCollection services, WebhookOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => new WebhookSender(
            // Redirects are not followed: a notification goes to the configured receiver or fails.
            new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan },
            options, sp.GetRequiredService<TimeProvider>(), Random.Shared));
        services.AddSingleton(sp => new WebhookNotifier(
            options, sp.GetRequiredService<WebhookSender>(), sp.GetRequiredService<IAuditTrail>(), sp.GetRequiredService<ILogger<WebhookNotifier>>()));
        services.AddHostedService(sp => sp.GetRequiredService<WebhookNotifier>());
        return services;
    }
}
