using System.Buffers;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Model;

namespace Otel.Collector.Ingest.Decoding;

/// <summary>
/// Decodes an OTLP/protobuf trace export with the batched <c>ml.metrics</c> arrays read straight from the bytes into
/// columns (<see cref="MetricArrayEventReader"/>). One walk copies the request into a scratch buffer, except those
/// arrays: each becomes an empty array in place, so the message keeps every event and attribute where they were, and
/// Google.Protobuf then parses the small remainder. Only the levels that lead to events (request, resource spans, scope
/// spans, spans) are walked; everything else is copied as it is, so the parser judges it as before. When the walk meets
/// anything it does not read (a malformed length, a group), or the scratch does not parse, the request is parsed from
/// its own bytes instead, so an invalid request fails with the parser's own reason, as before. A request that does
/// not name <c>ml.metrics</c> at all is parsed from its own bytes straight away.
/// </summary>
internal sealed class TraceExportReader : IDisposable
{
    /// <summary>The scratch starts this small and grows: the remainder of a batched request is a few KiB.</summary>
    private const int FirstScratchBytes = 16 * 1024;

    private static readonly uint ResourceSpansTag = ProtoWire.Tag(1, ProtoWire.LengthDelimited);
    private static readonly uint ScopeSpansTag = ProtoWire.Tag(2, ProtoWire.LengthDelimited);
    private static readonly uint SpansTag = ProtoWire.Tag(2, ProtoWire.LengthDelimited);
    private static readonly uint EventsTag = ProtoWire.Tag(11, ProtoWire.LengthDelimited);

    /// <summary>The bytes of an event attribute that holds an empty array: <c>value { array_value { } }</c>, after the key.</summary>
    private static readonly byte[] EmptyArrayValue = [0x12, 0x02, 0x2A, 0x00];

    private readonly int _requestBytes;
    private readonly MetricArrayEventReader _events;
    private readonly List<(int Ordinal, int Start, int Count)> _read = [];
    private byte[] _scratch;
    private int _written;
    private int _eventOrdinal;

    private TraceExportReader(int requestBytes, MetricArrayBounds bounds)
    {
        _requestBytes = requestBytes;
        _scratch = ArrayPool<byte>.Shared.Rent(Math.Clamp(requestBytes, 1, FirstScratchBytes));
        _events = new MetricArrayEventReader(new MetricColumns(), bounds, requestBytes);
    }

    /// <exception cref="InvalidProtocolBufferException">The bytes are not a valid request (the parser's own reason).</exception>
    public static TraceExport Read(in ReadOnlySequence<byte> body, MessageParser<ExportTraceServiceRequest> parser, MetricArrayBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(parser);
        using var bytes = ContiguousBytes.Of(body);
        if (bytes.Span.IndexOf(MetricArrayEventReader.EventName) < 0)
        {
            return TraceExport.FromMessage(parser.ParseFrom(bytes.Span));
        }

        using (var reader = new TraceExportReader(bytes.Span.Length, bounds))
        {
            if (reader.TryRewrite(bytes.Span, level: 0) && reader._read.Count > 0 && reader.TryParseScratch(parser) is { } export)
            {
                return export;
            }
        }

        return TraceExport.FromMessage(parser.ParseFrom(bytes.Span));
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_scratch);
        _scratch = [];
    }

    /// <summary>Copies the content of a message at <paramref name="level"/> (0 request, 1 resource spans, 2 scope spans, 3 span) into the scratch.</summary>
    private bool TryRewrite(ReadOnlySpan<byte> message, int level)
    {
        var position = 0;
        while (position < message.Length)
        {
            var fieldStart = position;
            if (!ProtoWire.TryReadTag(message, ref position, out var tag))
            {
                return false;
            }

            if (tag != ChildTag(level))
            {
                if (!ProtoWire.TrySkip(message, ref position, tag))
                {
                    return false;
                }

                Write(message[fieldStart..position]);
                continue;
            }

            var lengthStart = position;
            if (!ProtoWire.TryReadLength(message, ref position, out var length))
            {
                return false;
            }

            var header = message[fieldStart..lengthStart];
            var lengthBytes = position - lengthStart;
            var content = message.Slice(position, length);
            position += length;
            if (level == 3)
            {
                WriteEvent(message[fieldStart..position], header, lengthBytes, content);
                continue;
            }

            Write(header);
            var lengthAt = Reserve(lengthBytes);
            if (!TryRewrite(content, level + 1))
            {
                return false;
            }

            PatchLength(lengthAt, lengthBytes);
        }

        return true;
    }

    private static uint ChildTag(int level) => level switch
    {
        0 => ResourceSpansTag,
        1 => ScopeSpansTag,
        2 => SpansTag,
        _ => EventsTag,
    };

    /// <summary>An event as it is, or, when its arrays were read into columns, with each array attribute emptied.</summary>
    private void WriteEvent(ReadOnlySpan<byte> field, ReadOnlySpan<byte> header, int lengthBytes, ReadOnlySpan<byte> content)
    {
        var ordinal = _eventOrdinal++;
        Span<ArrayAttribute> arrays = stackalloc ArrayAttribute[MetricArrayEventReader.ArrayCount];
        if (!_events.TryRead(content, arrays, out var start, out var count))
        {
            Write(field);
            return;
        }

        _read.Add((ordinal, start, count));
        Write(header);
        var lengthAt = Reserve(lengthBytes);
        var copied = 0;
        while (NextArray(arrays, copied) is var which and >= 0)
        {
            Write(content[copied..arrays[which].FieldStart]);
            WriteEmptyArrayAttribute(MetricArrayEventReader.ArrayName(which));
            copied = arrays[which].FieldEnd;
        }

        Write(content[copied..]);
        PatchLength(lengthAt, lengthBytes);
    }

    /// <summary>The array attribute that comes first at or after <paramref name="from"/>, or -1.</summary>
    private static int NextArray(ReadOnlySpan<ArrayAttribute> arrays, int from)
    {
        var next = -1;
        for (var which = 0; which < arrays.Length; which++)
        {
            if (arrays[which].IsPresent && arrays[which].FieldStart >= from && (next < 0 || arrays[which].FieldStart < arrays[next].FieldStart))
            {
                next = which;
            }
        }

        return next;
    }

    /// <summary><c>attributes { key: name, value { array_value { } } }</c>: never longer than the attribute it replaces.</summary>
    private void WriteEmptyArrayAttribute(ReadOnlySpan<byte> name)
    {
        Span<byte> header = [0x1A, (byte)(2 + name.Length + EmptyArrayValue.Length), 0x0A, (byte)name.Length];
        Write(header);
        Write(name);
        Write(EmptyArrayValue);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        Grow(bytes.Length);
        bytes.CopyTo(_scratch.AsSpan(_written));
        _written += bytes.Length;
    }

    private int Reserve(int count)
    {
        Grow(count);
        var at = _written;
        _written += count;
        return at;
    }

    /// <summary>Room for <paramref name="count"/> more bytes; never more than the request's size, which the copy never exceeds.</summary>
    private void Grow(int count)
    {
        var needed = _written + count;
        if (needed <= _scratch.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, (int)Math.Min(_requestBytes, 2L * _scratch.Length)));
        _scratch.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_scratch);
        _scratch = larger;
    }

    /// <summary>
    /// Writes the length of what was written since <paramref name="lengthAt"/> in the same number of bytes as the original
    /// length: the content never grows, so it always fits, and nothing written after it has to move.
    /// </summary>
    private void PatchLength(int lengthAt, int lengthBytes) =>
        ProtoWire.WritePaddedVarint(_scratch.AsSpan(lengthAt, lengthBytes), (uint)(_written - lengthAt - lengthBytes), lengthBytes);

    /// <summary>The export parsed from the scratch, its events paired with their points; null when that fails.</summary>
    private TraceExport? TryParseScratch(MessageParser<ExportTraceServiceRequest> parser)
    {
        ExportTraceServiceRequest request;
        try
        {
            request = parser.ParseFrom(_scratch.AsSpan(0, _written));
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }

        var arrays = new Dictionary<Span.Types.Event, (int Start, int Count)>(_read.Count, ReferenceEqualityComparer.Instance);
        var ordinal = 0;
        var next = 0;
        foreach (var resourceSpans in request.ResourceSpans)
        {
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                foreach (var span in scopeSpans.Spans)
                {
                    foreach (var e in span.Events)
                    {
                        if (next < _read.Count && _read[next].Ordinal == ordinal)
                        {
                            arrays.Add(e, (_read[next].Start, _read[next].Count));
                            next++;
                        }

                        ordinal++;
                    }
                }
            }
        }

        // The parser saw the events the walk saw, or the pairing means nothing.
        return ordinal == _eventOrdinal && next == _read.Count ? new TraceExport(request, _events.Points, arrays) : null;
    }
}
