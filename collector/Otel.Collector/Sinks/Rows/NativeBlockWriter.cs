namespace Otel.Collector.Sinks.Rows;

/// <summary>A column of a Native block: its name in the table and the ClickHouse type its values are encoded as.</summary>
internal readonly record struct NativeColumn(string Name, string Type);

/// <summary>
/// Rows for one table as one ClickHouse Native block: column and row counts, then each column's name, type and
/// values. ClickHouse reads it column by column and matches columns by name, so it parses several times faster
/// than rows (LowCardinality columns are filled by a whole-column cast from the String given here), blocks of
/// different requests can simply be concatenated, and a block without a column that a later migration adds
/// gets that column's default.
/// </summary>
internal sealed class NativeBlockWriter
{
    private readonly IReadOnlyList<NativeColumn> _columns;
    private readonly BinaryValueWriter[] _values;
    private ReadOnlyMemory<byte> _block;

    public NativeBlockWriter(IReadOnlyList<NativeColumn> columns)
    {
        _columns = columns;
        _values = new BinaryValueWriter[columns.Count];
        for (var i = 0; i < _values.Length; i++)
        {
            _values[i] = new BinaryValueWriter();
        }
    }

    public int RowCount { get; private set; }

    /// <summary>Bytes of the values written so far, without the block's header: cheap, unlike <see cref="Block"/>.</summary>
    public long ValueBytes => _values.Sum(v => (long)v.WrittenMemory.Length);

    /// <summary>The values of column <paramref name="index"/> (in the order the columns were given), one per row.</summary>
    public BinaryValueWriter Column(int index) => _values[index];

    /// <summary>Counts the row whose values were just written to every column.</summary>
    public void EndRow()
    {
        RowCount++;
        _block = default;
    }

    /// <summary>The encoded block; empty while there are no rows.</summary>
    public ReadOnlyMemory<byte> Block => RowCount == 0 ? ReadOnlyMemory<byte>.Empty : _block.IsEmpty ? _block = Encode() : _block;

    private byte[] Encode()
    {
        var header = new BinaryValueWriter(256);
        header.WriteVarUInt((uint)_columns.Count);
        header.WriteVarUInt((uint)RowCount);
        var length = header.WrittenMemory.Length;
        var headers = new byte[_columns.Count][];
        for (var i = 0; i < _columns.Count; i++)
        {
            var column = new BinaryValueWriter(64);
            column.WriteString(_columns[i].Name);
            column.WriteString(_columns[i].Type);
            headers[i] = column.WrittenMemory.ToArray();
            length += headers[i].Length + _values[i].WrittenMemory.Length;
        }

        var block = new byte[length];
        header.WrittenMemory.CopyTo(block);
        var offset = header.WrittenMemory.Length;
        for (var i = 0; i < _columns.Count; i++)
        {
            headers[i].CopyTo(block, offset);
            offset += headers[i].Length;
            _values[i].WrittenMemory.CopyTo(block.AsMemory(offset));
            offset += _values[i].WrittenMemory.Length;
        }

        return block;
    }
}
