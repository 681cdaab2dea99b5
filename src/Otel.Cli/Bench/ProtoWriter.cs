using System.Buffers.Binary;
using System.Text;

namespace Otel.Cli.Bench;

/// <summary>
/// A minimal protobuf encoder, for building large OTLP requests without millions of message objects: fields
/// are written in place and a nested message's length is patched when it ends (canonical varints: the content
/// is moved left when its length needs fewer than the five bytes reserved).
/// </summary>
internal sealed class ProtoWriter
{
    private const int LengthReserve = 5;
    private byte[] _buffer;
    private int _length;

    public ProtoWriter(int capacity = 1 << 16) => _buffer = new byte[capacity];

    public int Length => _length;

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public void Clear() => _length = 0;

    public void Varint(int field, ulong value)
    {
        Tag(field, 0);
        RawVarint(value);
    }

    public void Fixed64(int field, ulong value)
    {
        Tag(field, 1);
        Ensure(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void Double(int field, double value) => Fixed64(field, BitConverter.DoubleToUInt64Bits(value));

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        RawVarint((ulong)value.Length);
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    public void String(int field, string value)
    {
        Tag(field, 2);
        var bytes = Encoding.UTF8.GetByteCount(value);
        RawVarint((ulong)bytes);
        Ensure(bytes);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    /// <summary>Starts a length-delimited field; pass the result to <see cref="End"/>.</summary>
    public int Begin(int field)
    {
        Tag(field, 2);
        Ensure(LengthReserve);
        _length += LengthReserve;
        return _length;
    }

    public void End(int start)
    {
        var content = _length - start;
        Span<byte> length = stackalloc byte[LengthReserve];
        var n = 0;
        var v = (uint)content;
        while (v >= 0x80)
        {
            length[n++] = (byte)(v | 0x80);
            v >>= 7;
        }

        length[n++] = (byte)v;
        var lengthAt = start - LengthReserve;
        if (n < LengthReserve)
        {
            _buffer.AsSpan(start, content).CopyTo(_buffer.AsSpan(lengthAt + n));
            _length -= LengthReserve - n;
        }

        length[..n].CopyTo(_buffer.AsSpan(lengthAt));
    }

    private void Tag(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private void RawVarint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[_length++] = (byte)value;
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
