using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Otel.Tracking;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a tracker for dependency injection.</summary>
public static class MlTrackingServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="MlTracking"/> singleton over the container's OpenTelemetry pipeline, and adds the
    /// SDK's source and meter to any tracer or meter provider built from this container (as OpenTelemetry's own
    /// instrumentation libraries do). Idempotent: a second call registers nothing new but still applies
    /// <paramref name="configure"/>. The container disposes the tracker, ending active runs as FINISHED.
    /// </summary>
    public static IServiceCollection AddMlTracking(this IServiceCollection services, Action<MlTrackingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(provider => new MlTracking(
            provider.GetRequiredService<IOptions<MlTrackingOptions>>().Value,
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            ownedTracerProvider: null,
            ownedMeterProvider: null));
        services.ConfigureOpenTelemetryTracerProvider(builder => builder.AddMlTracking());
        services.ConfigureOpenTelemetryMeterProvider(builder => builder.AddMlTracking());
        return services;
    }
}
