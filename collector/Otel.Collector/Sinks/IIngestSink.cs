using Otel.Collector.Model;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Sinks;

/// <summary>
/// Encodes the events of one table family of a processed <see cref="IngestBatch"/> into the rows the spool keeps
/// (<see cref="RowBatch"/>). Every sink is in <see cref="IngestSinks.All"/>.
/// </summary>
internal interface IIngestSink
{
    void Write(IngestBatch batch, RowBatch rows);
}
