using System.Text;

namespace Otel.Tracking.Datasets;

/// <summary>
/// A bounded reader of the Thrift compact protocol over an in-memory buffer: enough to walk Parquet's FileMetaData.
/// Every length and count is checked against the bytes left and nesting is limited, so a damaged footer fails
/// with <see cref="InvalidDataException"/> instead of allocating or recursing without bound.
/// </summary>
internal sealed class ThriftCompactReader(byte[] data)
{
    public const byte Stop = 0;
    public const byte BoolTrue = 1;
    public const byte BoolFalse = 2;
    public const byte Byte = 3;
    public const byte I16 = 4;
    public const byte I32 = 5;
    public const byte I64 = 6;
    public const byte Double = 7;
    public const byte Binary = 8;
    public const byte List = 9;
    public const byte Set = 10;
    public const byte Map = 11;
    public const byte Struct = 12;

    private const int MaxDepth = 32;

    private int _position;

    /// <summary>The next field of the current struct: type <see cref="Stop"/> ends it. Ids are deltas from <paramref name="lastId"/>.</summary>
    public (byte Type, short Id) ReadFieldHeader(ref short lastId)
    {
        var header = ReadByte();
        if (header == Stop)
        {
            return (Stop, 0);
        }

        var delta = header >> 4;
        lastId = delta == 0 ? (short)ReadZigZag(short.MinValue, short.MaxValue) : (short)(lastId + delta);
        return ((byte)(header & 0x0F), lastId);
    }

    /// <summary>A boolean field's value lives in its type nibble.</summary>
    public static bool FieldBool(byte type) => type == BoolTrue;

    public int ReadI32() => (int)ReadZigZag(int.MinValue, int.MaxValue);

    public long ReadI64() => ReadZigZag(long.MinValue, long.MaxValue);

    public byte ReadByte() =>
        _position < data.Length ? data[_position++] : throw Malformed("unexpected end of data");

    public string ReadString()
    {
        var length = ReadLength();
        var text = Encoding.UTF8.GetString(data, _position, length);
        _position += length;
        return text;
    }

    public (byte ElementType, int Count) ReadListHeader()
    {
        var header = ReadByte();
        var count = header >> 4;
        if (count == 15)
        {
            count = ReadLength();
        }

        // Every element takes at least one byte, so a count beyond the bytes left is damage.
        if (count > data.Length - _position)
        {
            throw Malformed($"a list of {count} elements in {data.Length - _position} bytes");
        }

        return ((byte)(header & 0x0F), count);
    }

    public void Skip(byte type, int depth = 0, bool inCollection = false)
    {
        if (depth > MaxDepth)
        {
            throw Malformed("nested too deeply");
        }

        switch (type)
        {
            case BoolTrue or BoolFalse:
                // In a struct the value is the type itself; in a list or map it is one byte.
                if (inCollection)
                {
                    ReadByte();
                }

                break;
            case Byte:
                ReadByte();
                break;
            case I16 or I32 or I64:
                ReadVarint();
                break;
            case Double:
                Advance(8);
                break;
            case Binary:
                Advance(ReadLength());
                break;
            case List or Set:
                var (elementType, count) = ReadListHeader();
                for (var i = 0; i < count; i++)
                {
                    Skip(elementType, depth + 1, inCollection: true);
                }

                break;
            case Map:
                SkipMap(depth);
                break;
            case Struct:
                short lastId = 0;
                while (ReadFieldHeader(ref lastId) is (not Stop, _) field)
                {
                    Skip(field.Type, depth + 1);
                }

                break;
            default:
                throw Malformed($"unknown field type {type}");
        }
    }

    private void SkipMap(int depth)
    {
        var size = ReadLength();
        if (size == 0)
        {
            return;
        }

        var types = ReadByte();
        for (var i = 0; i < size; i++)
        {
            Skip((byte)(types >> 4), depth + 1, inCollection: true);
            Skip((byte)(types & 0x0F), depth + 1, inCollection: true);
        }
    }

    private ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw Malformed("a varint longer than 10 bytes");
    }

    private long ReadZigZag(long min, long max)
    {
        var raw = ReadVarint();
        var value = (long)(raw >> 1) ^ -(long)(raw & 1);
        return value >= min && value <= max ? value : throw Malformed($"integer {value} out of range");
    }

    private int ReadLength()
    {
        var length = ReadVarint();
        return length <= (ulong)(data.Length - _position) ? (int)length : throw Malformed($"a length of {length} with {data.Length - _position} bytes left");
    }

    private void Advance(int count)
    {
        if (count > data.Length - _position)
        {
            throw Malformed("unexpected end of data");
        }

        _position += count;
    }

    private static InvalidDataException Malformed(string what) => new("Parquet footer is malformed: " + what);
}
