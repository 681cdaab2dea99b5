using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.Telemetry;

namespace Otel.Collector.Security;

/// <summary>Wires API keys, TLS and the collector's own metrics into the host.</summary>
internal static class SecurityServiceCollectionExtensions
{
    /// <summary>Registers the key store of <paramref name="dataPath"/>, the authenticator, the TLS certificate and the metrics.</summary>
    public static IServiceCollection AddCollectorSecurity(this IServiceCollection services, SecurityOptions options, string dataPath)
    {
        services.AddMetrics();
        services.AddSingleton(options);
        services.AddSingleton(sp => new ApiKeyStore(options.ResolveKeysFile(dataPath), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<ServerCertificate>();
        services.AddSingleton<CollectorMeter>();
        services.AddSingleton<SecurityAuditRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<SecurityAuditRecorder>());
        services.AddHostedService<KeyAuditReconciler>();
        return services;
    }

    /// <summary>Checks API keys before any endpoint runs; call before mapping endpoints.</summary>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app) => app.UseMiddleware<ApiKeyMiddleware>();
}
