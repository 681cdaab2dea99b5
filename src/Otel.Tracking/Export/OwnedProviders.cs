using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Otel.Tracking.Diagnostics;

namespace Otel.Tracking.Export;

/// <summary>Flushing and shutting down the providers a tracker built itself; failures are recorded, never thrown.</summary>
internal static class OwnedProviders
{
    public static void Flush(TracerProvider? tracerProvider, MeterProvider? meterProvider, int timeoutMilliseconds)
    {
        Try("tracer", () => tracerProvider?.ForceFlush(timeoutMilliseconds) ?? true);
        Try("meter", () => meterProvider?.ForceFlush(timeoutMilliseconds) ?? true);
    }

    public static void Shutdown(TracerProvider? tracerProvider, MeterProvider? meterProvider, int timeoutMilliseconds)
    {
        // Shutdown exports what is queued, within the timeout, before the provider stops.
        Try("tracer", () => tracerProvider?.Shutdown(timeoutMilliseconds) ?? true);
        Try("meter", () => meterProvider?.Shutdown(timeoutMilliseconds) ?? true);
        Try("tracer", () => Dispose(tracerProvider));
        Try("meter", () => Dispose(meterProvider));
    }

    private static bool Dispose(IDisposable? provider)
    {
        provider?.Dispose();
        return true;
    }

    private static void Try(string signal, Func<bool> action)
    {
        try
        {
            if (!action())
            {
                TrackingEventSource.Log.ProviderFlushFailed(signal, "not complete within the shutdown timeout");
            }
        }
        catch (Exception exception)
        {
            TrackingEventSource.Log.ProviderFlushFailed(signal, exception);
        }
    }
}
