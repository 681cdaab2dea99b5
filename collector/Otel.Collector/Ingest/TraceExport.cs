using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Model;

namespace Otel.Collector.Ingest;

/// <summary>
/// An OTLP trace export as ingest takes it: the request message, and the points of those batched <c>ml.metrics</c> events
/// whose arrays were read straight from the protobuf bytes into columns (<see cref="Decoding.TraceExportReader"/>). Such
/// an event keeps its place and its attributes in the message, each array attribute holding an empty array, so the edge
/// limits and the raw span row see the event as sent; its points are <see cref="ArrayPoints"/>' range for it, with
/// timestamp 0 where the point takes the event's time. A message decoded any other way (OTLP/JSON, tests) has no such
/// event (<see cref="FromMessage"/>), and both shapes go through the same decoding.
/// </summary>
internal sealed class TraceExport
{
    private readonly Dictionary<Span.Types.Event, (int Start, int Count)>? _arrays;

    public TraceExport(ExportTraceServiceRequest request, MetricColumns arrayPoints, Dictionary<Span.Types.Event, (int Start, int Count)>? arrays)
    {
        Request = request;
        ArrayPoints = arrayPoints;
        _arrays = arrays;
    }

    public ExportTraceServiceRequest Request { get; }

    /// <summary>The points of the events read into columns, event after event.</summary>
    public MetricColumns ArrayPoints { get; }

    /// <summary>A message whose every event is read from its attribute objects.</summary>
    public static TraceExport FromMessage(ExportTraceServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new TraceExport(request, new MetricColumns(), null);
    }

    /// <summary>The range of <see cref="ArrayPoints"/> that holds <paramref name="e"/>'s points, when its arrays were read into columns.</summary>
    public bool TryGetArrayPoints(Span.Types.Event e, out int start, out int count)
    {
        if (_arrays is not null && _arrays.TryGetValue(e, out var range))
        {
            (start, count) = range;
            return true;
        }

        start = count = 0;
        return false;
    }
}
