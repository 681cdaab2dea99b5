using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Otel.Collector.Sinks.Rows;

/// <summary>
/// Values in ClickHouse's binary encoding, which RowBinary rows and the columns of a Native block share: strings
/// as LEB128 length and UTF-8, numbers little-endian. No number formatting, no escaping.
/// </summary>
internal sealed class BinaryValueWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public BinaryValueWriter(int initialCapacity = 4096) => _buffer = new ArrayBufferWriter<byte>(initialCapacity);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.WrittenMemory;

    /// <summary>Grows the buffer once for <paramref name="bytes"/> more, instead of doubling and copying row by row.</summary>
    public void Reserve(int bytes) => _buffer.GetSpan(bytes);

    /// <summary>A String value: LEB128 byte length, then UTF-8.</summary>
    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var span = _buffer.GetSpan(MaxVarIntBytes + length);
        var written = WriteVarUInt(span, (uint)length);
        written += Encoding.UTF8.GetBytes(value, span[written..]);
        _buffer.Advance(written);
    }

    /// <summary>A value already encoded by <see cref="EncodeString"/>, for strings that many rows repeat.</summary>
    public void WriteEncoded(ReadOnlySpan<byte> encoded) => _buffer.Write(encoded);

    /// <summary>An Int64 value, little-endian.</summary>
    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(sizeof(long)), value);
        _buffer.Advance(sizeof(long));
    }

    /// <summary>A Float64 value; NaN and infinities keep their IEEE 754 bits.</summary>
    public void WriteFloat64(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(sizeof(double)), value);
        _buffer.Advance(sizeof(double));
    }

    /// <summary>A DateTime64(9) value: Int64 nanoseconds since the epoch, clamped as the JSON rows clamp them.</summary>
    public void WriteTime(ulong unixNanos) => WriteInt64((long)Math.Min(unixNanos, (ulong)long.MaxValue));

    /// <summary>An unsigned LEB128 number, as in the column and row counts of a Native block.</summary>
    public void WriteVarUInt(uint value) => _buffer.Advance(WriteVarUInt(_buffer.GetSpan(MaxVarIntBytes), value));

    /// <summary>A string in its binary form (length prefix included), to be written with <see cref="WriteEncoded"/>.</summary>
    public static byte[] EncodeString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Span<byte> prefix = stackalloc byte[MaxVarIntBytes];
        var prefixLength = WriteVarUInt(prefix, (uint)length);
        var encoded = new byte[prefixLength + length];
        prefix[..prefixLength].CopyTo(encoded);
        Encoding.UTF8.GetBytes(value, encoded.AsSpan(prefixLength));
        return encoded;
    }

    private const int MaxVarIntBytes = 5;

    private static int WriteVarUInt(Span<byte> destination, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }
}
