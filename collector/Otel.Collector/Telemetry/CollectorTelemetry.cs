using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Otel.Collector.Ingest;

namespace Otel.Collector.Telemetry;

/// <summary>
/// The collector's own OpenTelemetry SDK: one <see cref="MeterProvider"/> per collector over <see cref="CollectorMeter"/>,
/// read by the Prometheus scrape at <c>/metrics</c> and by a periodic reader that stores the same metrics in the
/// collector's own tables under <c>service.name</c> <see cref="ServiceName"/>.
/// </summary>
internal static class CollectorTelemetry
{
    public const string ServiceName = "otel-track-collector";

    /// <summary>
    /// Registers the meter provider and its two readers. Call after the export pipeline's hosted service is registered:
    /// hosted services stop in reverse order, so the final flush runs while the pipeline still stores.
    /// </summary>
    public static IServiceCollection AddCollectorTelemetry(this IServiceCollection services, TimeSpan exportInterval)
    {
        services.AddSingleton(sp => new SelfMetricsStorage(sp.GetRequiredService<OtlpIngestService>(), sp.GetRequiredService<ILogger<SelfMetricsExporter>>(), exportInterval));
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(CollectorTelemetry).Assembly.GetName().Version?.ToString(), autoGenerateServiceInstanceId: true))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(CollectorMeter.MeterName);
                ((IDeferredMeterProviderBuilder)metrics).Configure((sp, builder) =>
                {
                    // Meters are matched by name process-wide: another collector in this process (tests, demo) has a
                    // meter of the same name, whose instruments this provider must not read.
                    var own = sp.GetRequiredService<CollectorMeter>().Meter;
                    builder.AddView(instrument => ReferenceEquals(instrument.Meter, own) ? null : MetricStreamConfiguration.Drop);
                });
                metrics.AddPrometheusExporter(prometheus =>
                {
                    // Every scrape reads current values: tests and operators see a change at once.
                    prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                    prometheus.ScopeInfoEnabled = false;
                });
                metrics.AddReader(sp => sp.GetRequiredService<SelfMetricsStorage>().Reader);
            });
        services.AddHostedService<SelfMetricsFinalFlush>();
        return services;
    }

    /// <summary>At shutdown, stores the last values while the pipeline still runs, then stops further self-exports.</summary>
    private sealed class SelfMetricsFinalFlush(SelfMetricsStorage storage) : IHostedService
    {
        private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(30);

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            storage.Flush(FlushTimeout);
            storage.Exporter.Stop();
            return Task.CompletedTask;
        }
    }
}
