using System.Buffers;
using Otel.Collector.Ingest.Decoding;

namespace Otel.Collector.Limits;

/// <summary>
/// Counts what a protobuf export request would decode into by walking its wire format, without
/// building anything: a gzip bomb of empty spans (2 bytes each on the wire, some 250 bytes decoded)
/// is refused before its first object exists. Only the OTLP fields that hold messages (and the
/// repeated strings of entity refs) are followed; every other field is skipped by its wire type,
/// as the decoder skips unknown fields. The walk stops, with what it counted so far, at the first
/// byte that is not valid protobuf: the decoder then refuses the request with its own reason.
/// </summary>
internal static class OtlpProtobufItemCounter
{
    // The decoder's recursion limit (Google.Protobuf's default): deeper input fails to decode anyway.
    private const int MaxDepth = 100;

    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLengthDelimited = 2;
    private const int WireStartGroup = 3;
    private const int WireEndGroup = 4;
    private const int WireFixed32 = 5;

    public static RequestItemCounts Count(ReadOnlySequence<byte> body, OtlpSignal signal)
    {
        using var bytes = ContiguousBytes.Of(body);
        return Count(bytes.Span, signal);
    }

    /// <summary>The same count over bytes in one piece: the walk indexes the span instead of reading a sequence byte by byte.</summary>
    public static RequestItemCounts Count(ReadOnlySpan<byte> body, OtlpSignal signal)
    {
        var counts = new RequestItemCounts();
        var root = signal switch
        {
            OtlpSignal.Traces => OtlpMessage.TraceRequest,
            OtlpSignal.Metrics => OtlpMessage.MetricsRequest,
            _ => OtlpMessage.LogsRequest,
        };
        var position = 0;
        Walk(body, ref position, body.Length, root, counts, 0);
        return counts;
    }

    /// <summary>Walks one message that ends at <paramref name="end"/>; false at the first malformed byte.</summary>
    private static bool Walk(ReadOnlySpan<byte> body, ref int position, int end, OtlpMessage message, RequestItemCounts counts, int depth)
    {
        while (position < end)
        {
            if (!ProtoWire.TryReadVarint(body, ref position, out var tag) || tag >> 3 == 0)
            {
                return false;
            }

            var field = (int)Math.Min(tag >> 3, int.MaxValue);
            var wireType = (int)(tag & 7);
            if (wireType != WireLengthDelimited)
            {
                if (!Skip(body, ref position, wireType, field, depth))
                {
                    return false;
                }

                continue;
            }

            // A tag or length that runs past the end of its message is malformed (it used to pass as a huge length).
            if (!ProtoWire.TryReadVarint(body, ref position, out var length) || position > end || length > (ulong)(end - position))
            {
                return false;
            }

            var child = OtlpSchema.Child(message, field);
            if (child == OtlpMessage.None)
            {
                position += (int)length;
                continue;
            }

            counts.Add(child);
            if (child == OtlpMessage.RepeatedString)
            {
                position += (int)length;
                continue;
            }

            if (depth + 1 > MaxDepth || !Walk(body, ref position, position + (int)length, child, counts, depth + 1))
            {
                return false;
            }
        }

        return position == end;
    }

    private static bool Skip(ReadOnlySpan<byte> body, ref int position, int wireType, int field, int depth)
    {
        switch (wireType)
        {
            case WireVarint:
                return ProtoWire.TryReadVarint(body, ref position, out _);
            case WireFixed64:
                return TryAdvance(body, ref position, 8);
            case WireFixed32:
                return TryAdvance(body, ref position, 4);
            case WireStartGroup:
                return depth < MaxDepth && SkipGroup(body, ref position, field, depth + 1);
            default:
                return false;
        }
    }

    /// <summary>Skips a (deprecated) group up to its end tag, as the decoder does, so nothing can hide behind one.</summary>
    private static bool SkipGroup(ReadOnlySpan<byte> body, ref int position, int field, int depth)
    {
        while (ProtoWire.TryReadVarint(body, ref position, out var tag))
        {
            var inner = (int)Math.Min(tag >> 3, int.MaxValue);
            var wireType = (int)(tag & 7);
            if (wireType == WireEndGroup)
            {
                return inner == field;
            }

            if (wireType == WireLengthDelimited)
            {
                if (!ProtoWire.TryReadVarint(body, ref position, out var length) || length > (ulong)(body.Length - position))
                {
                    return false;
                }

                position += (int)length;
            }
            else if (!Skip(body, ref position, wireType, inner, depth))
            {
                return false;
            }
        }

        return false;
    }

    private static bool TryAdvance(ReadOnlySpan<byte> body, ref int position, int count)
    {
        if (body.Length - position < count)
        {
            return false;
        }

        position += count;
        return true;
    }
}
