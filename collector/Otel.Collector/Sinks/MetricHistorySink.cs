using Otel.Collector.Model;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Sinks;

/// <summary>The runs' metric points into <c>ml_metrics</c>, as one Native block per request (<see cref="MlMetricRows"/>).</summary>
internal sealed class MetricHistorySink : IIngestSink
{
    public void Write(IngestBatch batch, RowBatch rows)
    {
        var history = batch.MetricHistory;
        foreach (var segment in history.Segments)
        {
            MlMetricRows.Write(rows.MlMetrics, history, segment);
        }
    }
}
