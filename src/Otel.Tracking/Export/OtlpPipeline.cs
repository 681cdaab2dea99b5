using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Otel.Tracking.Export;

/// <summary>
/// The pipeline of <see cref="MlTracking.Create"/>: the SDK's source and meter, the standard OTLP exporter, and
/// export intervals tuned for live metrics. Settings left unset keep the exporter's own environment handling.
/// </summary>
internal static class OtlpPipeline
{
    internal const string TracesPath = "v1/traces";
    internal const string MetricsPath = "v1/metrics";

    private const string ScheduleDelayVariable = "OTEL_BSP_SCHEDULE_DELAY";
    private const string MaxExportBatchSizeVariable = "OTEL_BSP_MAX_EXPORT_BATCH_SIZE";
    private const string MetricExportIntervalVariable = "OTEL_METRIC_EXPORT_INTERVAL";
    private const string SpanAttributeCountLimitVariable = "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT";
    private const string AttributeCountLimitVariable = "OTEL_ATTRIBUTE_COUNT_LIMIT";
    private const string RunSpanAttributeCountLimit = "2048";

    private static readonly TimeSpan DefaultSpanExportDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DefaultMetricExportInterval = TimeSpan.FromSeconds(10);

    // A chunk span holds up to ~0.3 MB of points; 64 spans per request stay well under the 64 MiB OTLP maximum.
    private const int DefaultMaxExportBatchSize = 64;

    public static (TracerProvider Tracer, MeterProvider Meter) Build(MlTrackingOptions options, IConfiguration configuration, ExportMonitor monitor)
    {
        configuration = WithRunSizedSpanLimits(configuration);
        var tracerProvider = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .ConfigureResource(resource => ConfigureResource(resource, options))
            .SetSampler(new AlwaysOnSampler())
            .AddMlTracking()
            .AddOtlpExporter(exporter =>
            {
                ConfigureEndpoint(exporter, options, TracesPath);
                Guard(exporter, OtlpSignal.Traces, monitor);
                var batch = exporter.BatchExportProcessorOptions;
                if (options.SpanExportDelay is { } delay)
                {
                    batch.ScheduledDelayMilliseconds = (int)delay.TotalMilliseconds;
                }
                else if (configuration[ScheduleDelayVariable] is null)
                {
                    batch.ScheduledDelayMilliseconds = (int)DefaultSpanExportDelay.TotalMilliseconds;
                }

                if (configuration[MaxExportBatchSizeVariable] is null)
                {
                    batch.MaxExportBatchSize = DefaultMaxExportBatchSize;
                }
            })
            .Build();

        var meterBuilder = Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(configuration))
            .ConfigureResource(resource => ConfigureResource(resource, options))
            .AddMlTracking();
        if (options.SystemMetrics)
        {
            // Process-wide, not per run (no ml.run.id): they land in otel_metrics_* beside the run's resource.
            meterBuilder.AddRuntimeInstrumentation();
        }

        var meterProvider = meterBuilder
            .AddOtlpExporter((exporter, reader) =>
            {
                ConfigureEndpoint(exporter, options, MetricsPath);
                Guard(exporter, OtlpSignal.Metrics, monitor);
                var periodic = reader.PeriodicExportingMetricReaderOptions;
                if (options.MetricExportInterval is { } interval)
                {
                    periodic.ExportIntervalMilliseconds = (int)interval.TotalMilliseconds;
                }
                else if (configuration[MetricExportIntervalVariable] is null)
                {
                    periodic.ExportIntervalMilliseconds = (int)DefaultMetricExportInterval.TotalMilliseconds;
                }
            })
            .Build();

        return (tracerProvider, meterProvider);
    }

    /// <summary>
    /// The SDK keeps 128 attributes per span by default, and a run span carries one per param: a run with more
    /// params would silently lose some. Unless the environment sets a limit, spans keep up to the collector's
    /// default edge limit of attributes per span (docs/limits.md).
    /// </summary>
    private static IConfiguration WithRunSizedSpanLimits(IConfiguration configuration)
    {
        if (configuration[SpanAttributeCountLimitVariable] is not null || configuration[AttributeCountLimitVariable] is not null)
        {
            return configuration;
        }

        return new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { [SpanAttributeCountLimitVariable] = RunSpanAttributeCountLimit })
            .Build();
    }

    /// <summary>
    /// An endpoint set in code is used verbatim by the OTLP exporter, so for http/protobuf the signal path is
    /// appended here, as the exporter itself does for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.
    /// </summary>
    internal static Uri SignalEndpoint(Uri baseEndpoint, string signalPath) =>
        new(baseEndpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath, UriKind.Absolute);

    private static void ConfigureEndpoint(OtlpExporterOptions exporter, MlTrackingOptions options, string signalPath)
    {
        if (options.Protocol is { } protocol)
        {
            exporter.Protocol = protocol;
        }

        if (options.Headers is { } headers)
        {
            exporter.Headers = headers;
        }

        if (options.Endpoint is { } endpoint)
        {
            exporter.Endpoint = exporter.Protocol == OtlpExportProtocol.HttpProtobuf ? SignalEndpoint(endpoint, signalPath) : endpoint;
        }
    }

    /// <summary>Every export of the signal goes through an <see cref="ExportGuardHandler"/>, in either protocol.</summary>
    private static void Guard(OtlpExporterOptions exporter, string signal, ExportMonitor monitor)
    {
        exporter.HttpClientFactory = () =>
        {
            var timeout = TimeSpan.FromMilliseconds(exporter.TimeoutMilliseconds);
#pragma warning disable CA2000 // The HttpClient owns and disposes its handler.
            var guard = new ExportGuardHandler(signal, exporter.Protocol, timeout, monitor);
#pragma warning restore CA2000

            // The guard enforces the export timeout itself; the client's own is only a backstop behind it.
            return new HttpClient(guard) { Timeout = timeout + TimeSpan.FromSeconds(5) };
        };
    }

    private static void ConfigureResource(ResourceBuilder resource, MlTrackingOptions options)
    {
        // The default resource already reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES; a name set in code wins.
        if (!string.IsNullOrEmpty(options.ServiceName))
        {
            resource.AddService(options.ServiceName);
        }

        if (options.CaptureEnvironment)
        {
            resource.AddMlEnvironment();
        }
    }
}
