using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Otel.Collector.Limits;
using Otel.Collector.Receivers.Grpc;
using Otel.Collector.Receivers.Http;

namespace Otel.Collector.Receivers;

/// <summary>Registers the OTLP receivers; the host registers <see cref="Ingest.IOtlpIngest"/> itself.</summary>
internal static class OtlpReceiverServiceCollectionExtensions
{
    /// <summary>
    /// Adds gRPC (with the receiver limits applied to the three OTLP services only), the OTLP/HTTP
    /// receiver, the edge limit checker, the admission gate and validated <see cref="OtlpReceiverOptions"/> (checked at
    /// start). Safe to call twice.
    /// </summary>
    public static IServiceCollection AddOtlpReceivers(this IServiceCollection services, Action<OtlpReceiverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<OtlpReceiverOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OtlpReceiverOptions>, OtlpReceiverOptionsValidator>());
        services.AddGrpc();
        AddServiceLimits<OtlpGrpcTraceService>(services);
        AddServiceLimits<OtlpGrpcMetricsService>(services);
        AddServiceLimits<OtlpGrpcLogsService>(services);
        services.TryAddSingleton(sp => new EdgeLimitChecker(sp.GetRequiredService<IOptions<OtlpReceiverOptions>>().Value.Limits));
        services.TryAddSingleton(sp => new IngestAdmission(sp.GetRequiredService<IOptions<OtlpReceiverOptions>>().Value));
        services.TryAddSingleton(sp => new BodyMemoryBudget(sp.GetRequiredService<IOptions<OtlpReceiverOptions>>().Value.MaxBufferedBodyBytes));
        services.TryAddSingleton<OtlpHttpReceiver>();
        services.TryAddScoped<OtlpGrpcExport>();
        return services;
    }

    private static void AddServiceLimits<TService>(IServiceCollection services)
        where TService : class =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<GrpcServiceOptions<TService>>, OtlpGrpcServiceOptionsSetup<TService>>());
}
