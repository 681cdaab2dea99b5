using Otel.Tracking;
using Otel.Tracking.Diagnostics;

namespace OpenTelemetry.Trace;

/// <summary>Adds ML runs to a host's own tracer provider.</summary>
public static class MlTrackingTracerProviderBuilderExtensions
{
    /// <summary>
    /// Subscribes the provider to the SDK's ActivitySource (<c>Otel.Tracking</c>),
    /// so runs started by any <see cref="MlTracking"/> are exported by it. Calling it twice has no further effect.
    /// </summary>
    public static TracerProviderBuilder AddMlTracking(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        TrackingTelemetry.EnsureInitialized();

        // Sources are matched by name as a set, so adding the same name again changes nothing.
        return builder.AddSource(SdkTelemetryNames.InstrumentationName);
    }
}
