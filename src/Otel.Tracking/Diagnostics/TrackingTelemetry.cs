using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using Otel.Tracking.SystemMetrics;

namespace Otel.Tracking.Diagnostics;

/// <summary>
/// Owns the SDK's one ActivitySource and one Meter, both named <see cref="SdkTelemetryNames.InstrumentationName"/>,
/// so any OpenTelemetry pipeline that adds that name receives runs (see the AddMlTracking builder extensions).
/// </summary>
internal static class TrackingTelemetry
{
    public static readonly string Version =
        typeof(TrackingTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static readonly ActivitySource Source = new(new ActivitySourceOptions(SdkTelemetryNames.InstrumentationName)
    {
        Version = Version,
        TelemetrySchemaUrl = MlSemanticConventions.SchemaUrl,
    });

    public static readonly Meter Meter = new(new MeterOptions(SdkTelemetryNames.InstrumentationName)
    {
        Version = Version,
        TelemetrySchemaUrl = MlSemanticConventions.SchemaUrl,
    });

    static TrackingTelemetry()
    {
        // Observable instruments: the hot path only bumps plain fields, the reader pulls totals when it exports.
        Meter.CreateObservableCounter(
            SdkTelemetryNames.SdkPointsLogged,
            SdkCounters.ObserveLogged,
            SdkTelemetryNames.PointUnit,
            "Metric points handed to the exporter in ml.metrics events.");
        Meter.CreateObservableCounter(
            SdkTelemetryNames.SdkPointsDropped,
            SdkCounters.ObserveDropped,
            SdkTelemetryNames.PointUnit,
            "Metric points dropped by the SDK, by reason (error.type).");
        Meter.CreateObservableUpDownCounter(
            MlSemanticConventions.ProcessMemoryUsage,
            ProcessMetrics.ObserveMemory,
            "By",
            "Physical memory of the process, reported once per active run (ml.run.id).");
        Meter.CreateObservableCounter(
            MlSemanticConventions.ProcessCpuTime,
            ProcessMetrics.ObserveCpuTime,
            "s",
            "CPU time (user and system) of the process, reported once per active run (ml.run.id).");
        SystemMetricsInstruments.Register(Meter, SystemSampler.Shared);
        SystemSampler.Shared.Prime();
    }

    /// <summary>Forces the static constructor, so the instruments exist before a reader looks for them.</summary>
    public static void EnsureInitialized()
    {
    }
}
