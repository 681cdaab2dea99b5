using Otel.Collector.Model;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Sinks;

/// <summary>The sinks, one per table family. Each writes its own tables, so their order does not matter.</summary>
internal static class IngestSinks
{
    public static IReadOnlyList<IIngestSink> All { get; } =
    [
        new RawTraceSink(),
        new RawMetricSink(),
        new RawLogSink(),
        new RunSink(),
        new MetricHistorySink(),
        new RunAssetSink(),
        new RunChangeSink(),
        new RunBaselineSink(),
    ];

    public static void WriteAll(this IReadOnlyList<IIngestSink> sinks, IngestBatch batch, RowBatch rows)
    {
        foreach (var sink in sinks)
        {
            sink.Write(batch, rows);
        }
    }
}
