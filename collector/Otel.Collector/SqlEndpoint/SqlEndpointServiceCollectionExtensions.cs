using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Otel.Collector.Security;

namespace Otel.Collector.SqlEndpoint;

internal static class SqlEndpointServiceCollectionExtensions
{
    /// <summary>Serves the read-only SQL endpoint on <paramref name="host"/> when <see cref="SqlEndpointOptions.Port"/> is set; nothing otherwise.</summary>
    public static IServiceCollection AddSqlEndpoint(this IServiceCollection services, SqlEndpointOptions options, string host)
    {
        if (!options.Enabled)
        {
            return services;
        }

        services.AddSingleton(options);
        services.AddSingleton<SqlEndpointAuthenticator>();
        services.AddSingleton<SqlQueryHandler>();
        services.AddSingleton(sp => new SqlEndpointServer(
            options, host, sp.GetRequiredService<SqlQueryHandler>(), sp.GetRequiredService<ServerCertificate>(), sp.GetRequiredService<ILogger<SqlEndpointServer>>()));
        services.AddHostedService(sp => sp.GetRequiredService<SqlEndpointServer>());
        return services;
    }
}
