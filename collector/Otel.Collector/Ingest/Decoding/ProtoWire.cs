namespace Otel.Collector.Ingest.Decoding;

/// <summary>
/// The protobuf wire format read from a span: tags, varints, lengths and skipped fields, each checked against the bytes
/// that remain, so that nothing is ever sized from a length that was not checked. A false return means the bytes are not
/// what the caller can read; it then leaves them to Google.Protobuf, which decides (and words) what is wrong.
/// </summary>
internal static class ProtoWire
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    /// <summary>A tag <c>(field &lt;&lt; 3) | wireType</c> as one value, for the small field numbers OTLP uses.</summary>
    public static uint Tag(int field, int wireType) => (uint)((field << 3) | wireType);

    /// <summary>A varint of at most 10 bytes; bits past the 64th are dropped, as Google.Protobuf drops them.</summary>
    public static bool TryReadVarint(ReadOnlySpan<byte> bytes, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if ((uint)position >= (uint)bytes.Length)
            {
                return false;
            }

            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A tag in at most 5 bytes with a field number above 0.</summary>
    public static bool TryReadTag(ReadOnlySpan<byte> bytes, ref int position, out uint tag)
    {
        var start = position;
        tag = 0;
        if (!TryReadVarint(bytes, ref position, out var value) || position - start > 5 || value > uint.MaxValue || value >> 3 == 0)
        {
            return false;
        }

        tag = (uint)value;
        return true;
    }

    /// <summary>The length of a length-delimited field, in at most 5 bytes, that fits in what remains.</summary>
    public static bool TryReadLength(ReadOnlySpan<byte> bytes, ref int position, out int length)
    {
        var start = position;
        length = 0;
        if (!TryReadVarint(bytes, ref position, out var value) || position - start > 5 || value > (ulong)(bytes.Length - position))
        {
            return false;
        }

        length = (int)value;
        return true;
    }

    /// <summary>Moves past the value of a field with <paramref name="tag"/>; groups and unknown wire types are not read here.</summary>
    public static bool TrySkip(ReadOnlySpan<byte> bytes, ref int position, uint tag)
    {
        switch ((int)(tag & 7))
        {
            case Varint:
                return TryReadVarint(bytes, ref position, out _);
            case Fixed64:
                return TryAdvance(bytes, ref position, 8);
            case Fixed32:
                return TryAdvance(bytes, ref position, 4);
            case LengthDelimited:
                if (!TryReadLength(bytes, ref position, out var length))
                {
                    return false;
                }

                position += length;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Writes <paramref name="value"/> as a varint of exactly <paramref name="size"/> bytes (padded with continuation bits), a form every protobuf parser reads.</summary>
    public static void WritePaddedVarint(Span<byte> destination, uint value, int size)
    {
        for (var i = 0; i < size - 1; i++)
        {
            destination[i] = (byte)((value & 0x7F) | 0x80);
            value >>= 7;
        }

        destination[size - 1] = (byte)value;
    }

    private static bool TryAdvance(ReadOnlySpan<byte> bytes, ref int position, int count)
    {
        if (bytes.Length - position < count)
        {
            return false;
        }

        position += count;
        return true;
    }
}
