using Otel.Collector.Model;

namespace Otel.Collector.Processors;

/// <summary>
/// One step of the processor chain (<see cref="IngestProcessors"/>): changes a decoded <see cref="IngestBatch"/> in
/// place, on the request's thread, before the sinks encode it. Knows neither the transport nor the storage format.
/// </summary>
internal interface IIngestProcessor
{
    void Process(IngestBatch batch);
}
