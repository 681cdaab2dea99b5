using Otel.Tracking.Serving;

namespace OpenTelemetry.Metrics;

/// <summary>The serving meters on a meter provider built by hand (a batch scorer, a worker without the generic host).</summary>
public static class ModelServingMeterProviderBuilderExtensions
{
    /// <summary>
    /// Subscribes the provider to the serving meters: <c>Otel.Tracking.Serving</c> (category counters, drops) and
    /// <c>Otel.Tracking.Serving.*</c> (one per numeric feature or output). Calling it twice has no further effect.
    /// </summary>
    public static MeterProviderBuilder AddModelServing(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Meters are matched by name as a set, so adding the same names again changes nothing.
        return builder.AddMeter(ServingTelemetryNames.MeterNames);
    }
}
