using System.Buffers.Binary;
using System.IO.Hashing;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Spool;

/// <summary>
/// One acknowledged request in a spool segment: a 16-byte header (magic, payload length, XxHash3 of the
/// payload) and a payload of table parts, each <c>[table u8][rows i32][length i32][rows' bytes]</c>. The table
/// byte's high bit marks a Native block (<see cref="RowFormat"/>); without it the rows are JSONEachRow, as in
/// every record of earlier versions. The hash finds a torn tail after a crash; the magic finds a segment that is
/// not a spool at all.
/// </summary>
internal static class SpoolRecord
{
    public const int HeaderBytes = 16;
    public const int PartHeaderBytes = 9;
    private const uint Magic = 0x4C53544F; // "OTSL"
    private const byte NativeBit = 0x80;

    /// <summary>Largest payload a record may claim: a corrupt length is refused instead of allocated.</summary>
    public const int MaxPayloadBytes = 1 << 30;

    public static long EncodedLength(RowBatch batch)
    {
        long length = HeaderBytes;
        foreach (var part in batch.Parts())
        {
            length += PartHeaderBytes + part.Bytes.Length;
        }

        return length;
    }

    /// <summary>Writes the record for <paramref name="batch"/> and returns its length in bytes.</summary>
    public static long Write(Stream stream, RowBatch batch)
    {
        var hash = new XxHash3();
        Span<byte> header = stackalloc byte[PartHeaderBytes];
        long payload = 0;
        foreach (var part in batch.Parts())
        {
            WritePartHeader(header, part);
            hash.Append(header);
            hash.Append(part.Bytes.Span);
            payload += PartHeaderBytes + part.Bytes.Length;
        }

        if (payload > MaxPayloadBytes)
        {
            throw new InvalidOperationException($"a request of {payload} encoded bytes is larger than a spool record may be ({MaxPayloadBytes})");
        }

        Span<byte> recordHeader = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(recordHeader, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(recordHeader[4..], (int)payload);
        BinaryPrimitives.WriteUInt64LittleEndian(recordHeader[8..], hash.GetCurrentHashAsUInt64());
        stream.Write(recordHeader);
        foreach (var part in batch.Parts())
        {
            WritePartHeader(header, part);
            stream.Write(header);
            stream.Write(part.Bytes.Span);
        }

        return HeaderBytes + payload;
    }

    /// <summary>The payload length a header claims, or -1 when the bytes are not a record header.</summary>
    public static int ReadHeader(ReadOnlySpan<byte> header, out ulong hash)
    {
        hash = BinaryPrimitives.ReadUInt64LittleEndian(header[8..]);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        return BinaryPrimitives.ReadUInt32LittleEndian(header) == Magic && length is >= 0 and <= MaxPayloadBytes ? length : -1;
    }

    public static bool HashMatches(ReadOnlySpan<byte> payload, ulong hash) => XxHash3.HashToUInt64(payload) == hash;

    /// <summary>Calls <paramref name="onPart"/> for each table part of a verified payload.</summary>
    /// <exception cref="InvalidDataException">A part runs past the payload or names no table.</exception>
    public static void ForEachPart(ReadOnlyMemory<byte> payload, Action<RowPart> onPart)
    {
        var tables = Enum.GetValues<StorageTable>().Length;
        var offset = 0;
        while (offset < payload.Length)
        {
            var span = payload.Span[offset..];
            if (span.Length < PartHeaderBytes)
            {
                throw new InvalidDataException("a spool record ends inside a part header");
            }

            var table = span[0] & ~NativeBit;
            var format = (span[0] & NativeBit) != 0 ? RowFormat.Native : RowFormat.JsonEachRow;
            var rows = BinaryPrimitives.ReadInt32LittleEndian(span[1..]);
            var length = BinaryPrimitives.ReadInt32LittleEndian(span[5..]);
            if (table >= tables || rows < 0 || length < 0 || length > span.Length - PartHeaderBytes)
            {
                throw new InvalidDataException($"a spool record has a malformed part at payload offset {offset}");
            }

            onPart(new RowPart((StorageTable)table, format, rows, payload.Slice(offset + PartHeaderBytes, length)));
            offset += PartHeaderBytes + length;
        }
    }

    private static void WritePartHeader(Span<byte> header, RowPart part)
    {
        header[0] = (byte)((byte)part.Table | (part.Format == RowFormat.Native ? NativeBit : 0));
        BinaryPrimitives.WriteInt32LittleEndian(header[1..], part.Rows);
        BinaryPrimitives.WriteInt32LittleEndian(header[5..], part.Bytes.Length);
    }
}
