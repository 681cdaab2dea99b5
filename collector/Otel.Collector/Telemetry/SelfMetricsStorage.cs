using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Otel.Collector.Ingest;

namespace Otel.Collector.Telemetry;

/// <summary>
/// The periodic reader that stores the collector's own metrics through <see cref="SelfMetricsExporter"/>, with a way
/// to store the current values now (at shutdown, and in tests instead of waiting for an interval).
/// </summary>
internal sealed class SelfMetricsStorage
{
    /// <param name="ingest">The undecorated ingest: the collector's own points are not client traffic (docs/self-monitoring.md).</param>
    /// <param name="logger">Where failed self-exports are reported.</param>
    /// <param name="interval">How often the reader stores the current values.</param>
    public SelfMetricsStorage(IOtlpIngest ingest, ILogger<SelfMetricsExporter> logger, TimeSpan interval)
    {
        Exporter = new SelfMetricsExporter(ingest, logger);
        Reader = new PeriodicExportingMetricReader(Exporter, (int)interval.TotalMilliseconds)
        {
            TemporalityPreference = MetricReaderTemporalityPreference.Cumulative,
        };
    }

    public SelfMetricsExporter Exporter { get; }

    /// <summary>Owned by the meter provider, which disposes it.</summary>
    public PeriodicExportingMetricReader Reader { get; }

    /// <summary>Collects and stores the current values; true once they are stored.</summary>
    public bool Flush(TimeSpan timeout) => Reader.Collect((int)timeout.TotalMilliseconds);
}
