using System.Buffers;

using Otel.Collector.Limits;

namespace Otel.Collector.Tests.Fuzz;

/// <summary>
/// The item counter as it was before it read spans (commit 6718f3e, through <see cref="SequenceReader{T}"/>): the oracle
/// (with the one fix the new counter has, below) the differential tests hold <see cref="OtlpProtobufItemCounter"/> to, so that the bomb guard refuses what it refused.
/// </summary>
internal static class ReferenceProtobufItemCounter
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
        var counts = new RequestItemCounts();
        var reader = new SequenceReader<byte>(body);
        var root = signal switch
        {
            OtlpSignal.Traces => OtlpMessage.TraceRequest,
            OtlpSignal.Metrics => OtlpMessage.MetricsRequest,
            _ => OtlpMessage.LogsRequest,
        };
        Walk(ref reader, body.Length, root, counts, 0);
        return counts;
    }

    /// <summary>Walks one message that ends at <paramref name="end"/>; false at the first malformed byte.</summary>
    private static bool Walk(ref SequenceReader<byte> reader, long end, OtlpMessage message, RequestItemCounts counts, int depth)
    {
        while (reader.Consumed < end)
        {
            if (!TryReadVarint(ref reader, out var tag) || tag >> 3 == 0)
            {
                return false;
            }

            var field = (int)Math.Min(tag >> 3, int.MaxValue);
            var wireType = (int)(tag & 7);
            if (wireType != WireLengthDelimited)
            {
                if (!Skip(ref reader, wireType, field, depth))
                {
                    return false;
                }

                continue;
            }

            // Fixed as in the new counter: a length read past the end of its message used to pass as a huge length and throw.
            if (!TryReadVarint(ref reader, out var length) || reader.Consumed > end || length > (ulong)(end - reader.Consumed))
            {
                return false;
            }

            var child = OtlpSchema.Child(message, field);
            if (child == OtlpMessage.None)
            {
                reader.Advance((long)length);
                continue;
            }

            counts.Add(child);
            if (child == OtlpMessage.RepeatedString)
            {
                reader.Advance((long)length);
                continue;
            }

            if (depth + 1 > MaxDepth || !Walk(ref reader, reader.Consumed + (long)length, child, counts, depth + 1))
            {
                return false;
            }
        }

        return reader.Consumed == end;
    }

    private static bool Skip(ref SequenceReader<byte> reader, int wireType, int field, int depth)
    {
        switch (wireType)
        {
            case WireVarint:
                return TryReadVarint(ref reader, out _);
            case WireFixed64:
                return reader.TryAdvance(8);
            case WireFixed32:
                return reader.TryAdvance(4);
            case WireStartGroup:
                return depth < MaxDepth && SkipGroup(ref reader, field, depth + 1);
            default:
                return false;
        }
    }

    /// <summary>Skips a (deprecated) group up to its end tag, as the decoder does, so nothing can hide behind one.</summary>
    private static bool SkipGroup(ref SequenceReader<byte> reader, int field, int depth)
    {
        while (TryReadVarint(ref reader, out var tag))
        {
            var inner = (int)Math.Min(tag >> 3, int.MaxValue);
            var wireType = (int)(tag & 7);
            if (wireType == WireEndGroup)
            {
                return inner == field;
            }

            if (wireType == WireLengthDelimited)
            {
                if (!TryReadVarint(ref reader, out var length) || length > (ulong)reader.Remaining)
                {
                    return false;
                }

                reader.Advance((long)length);
            }
            else if (!Skip(ref reader, wireType, inner, depth))
            {
                return false;
            }
        }

        return false;
    }

    private static bool TryAdvance(this ref SequenceReader<byte> reader, int count)
    {
        if (reader.Remaining < count)
        {
            return false;
        }

        reader.Advance(count);
        return true;
    }

    private static bool TryReadVarint(ref SequenceReader<byte> reader, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (!reader.TryRead(out var b))
            {
                return false;
            }

            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
