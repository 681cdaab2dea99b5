using Otel.Tracking.Diagnostics;

namespace OpenTelemetry.Metrics;

/// <summary>Adds the SDK's own metrics and per-run process metrics to a host's own meter provider.</summary>
public static class MlTrackingMeterProviderBuilderExtensions
{
    /// <summary>
    /// Subscribes the provider to the SDK's Meter (<c>Otel.Tracking</c>):
    /// <c>ml.sdk.points.logged</c>, <c>ml.sdk.points.dropped</c>, and per active run <c>process.memory.usage</c>
    /// and <c>process.cpu.time</c> with <c>ml.run.id</c>. Calling it twice has no further effect.
    /// </summary>
    public static MeterProviderBuilder AddMlTracking(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        TrackingTelemetry.EnsureInitialized();

        // Meters are matched by name as a set, so adding the same name again changes nothing.
        return builder.AddMeter(SdkTelemetryNames.InstrumentationName);
    }
}
