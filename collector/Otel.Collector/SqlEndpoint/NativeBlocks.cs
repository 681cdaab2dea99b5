using System.Buffers.Binary;

namespace Otel.Collector.SqlEndpoint;

/// <summary>
/// Rewrites the Native format as the embedded engine writes it (protocol revision 0: no block info, no serialization
/// kind per column) into the layout a client asked for with <c>client_protocol_version</c>, as a ClickHouse server does
/// over HTTP. clickhouse-go (and so Grafana's ClickHouse plugin) asks for its TCP protocol revision and decodes block
/// info and a "custom serialization" byte after each column's type: without them it misreads every result. Column data
/// is copied unchanged; finding where each column ends needs its layout (<see cref="NativeColumnLayout"/>).
/// </summary>
internal static class NativeBlocks
{
    /// <summary>From this revision a column's type is followed by whether it has a custom serialization.</summary>
    public const ulong RevisionWithCustomSerialization = 54454;

    /// <summary>Block info as ClickHouse writes it: field 1 is_overflows = false, field 2 bucket_num = -1, then 0.</summary>
    private static readonly byte[] BlockInfo = [1, 0, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0];

    public static byte[] ForRevision(byte[] revisionZero, ulong revision)
    {
        if (revision == 0 || revisionZero.Length == 0)
        {
            return revisionZero;
        }

        var output = new MemoryStream(revisionZero.Length + 64);
        var position = 0;
        while (position < revisionZero.Length)
        {
            output.Write(BlockInfo);
            var columns = ReadVarUInt(revisionZero, ref position);
            var rows = ReadVarUInt(revisionZero, ref position);
            WriteVarUInt(output, columns);
            WriteVarUInt(output, rows);
            for (ulong c = 0; c < columns; c++)
            {
                var start = position;
                SkipString(revisionZero, ref position);
                var typeStart = position;
                SkipString(revisionZero, ref position);
                var type = System.Text.Encoding.UTF8.GetString(revisionZero, typeStart + VarUIntLength(revisionZero, typeStart), position - typeStart - VarUIntLength(revisionZero, typeStart));
                output.Write(revisionZero, start, position - start);
                if (revision >= RevisionWithCustomSerialization)
                {
                    output.WriteByte(0);
                }

                var dataStart = position;
                NativeColumnLayout.Skip(revisionZero, ref position, type, rows);
                output.Write(revisionZero, dataStart, position - dataStart);
            }
        }

        return output.ToArray();
    }

    public static ulong ReadVarUInt(byte[] data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = At(data, position++);
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw Malformed("a variable-length integer is too long");
    }

    public static void SkipString(byte[] data, ref int position)
    {
        var length = ReadVarUInt(data, ref position);
        Advance(data, ref position, length);
    }

    public static ulong ReadUInt64(byte[] data, int position)
    {
        if (position < 0 || position + 8 > data.Length)
        {
            throw Malformed("an array offset lies outside the result");
        }

        return BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(position, 8));
    }

    public static void Advance(byte[] data, ref int position, ulong bytes)
    {
        if (bytes > (ulong)(data.Length - position))
        {
            throw Malformed("a column is longer than the result");
        }

        position += (int)bytes;
    }

    private static int VarUIntLength(byte[] data, int position)
    {
        var start = position;
        ReadVarUInt(data, ref position);
        return position - start;
    }

    private static void WriteVarUInt(Stream output, ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        output.WriteByte((byte)value);
    }

    private static byte At(byte[] data, int position) =>
        position < data.Length ? data[position] : throw Malformed("the result ends inside a block");

    private static SqlEndpointException Malformed(string what) =>
        new(ClickHouseErrors.NotImplemented, $"The Native result could not be rewritten for the client's protocol version: {what}. Use another format (JSON, TabSeparated).");
}
