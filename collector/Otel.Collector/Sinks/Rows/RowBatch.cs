namespace Otel.Collector.Sinks.Rows;

/// <summary>
/// The rows one export request produced, encoded per table: JSONEachRow, or a Native block for <c>ml_metrics</c>
/// (<see cref="MlMetricRows"/>). Encoding happens on the request's thread, so the single writer only concatenates
/// and inserts.
/// </summary>
internal sealed class RowBatch : IDisposable
{
    private static readonly StorageTable[] TablesInOrder = Enum.GetValues<StorageTable>();

    private readonly JsonEachRowWriter?[] _json = new JsonEachRowWriter?[TablesInOrder.Length];
    private readonly NativeBlockWriter?[] _native = new NativeBlockWriter?[TablesInOrder.Length];

    /// <summary>The JSONEachRow rows of <paramref name="table"/>.</summary>
    public JsonEachRowWriter For(StorageTable table) => _json[(int)table] ??= new JsonEachRowWriter();

    /// <summary>The <c>ml_metrics</c> rows, as a Native block.</summary>
    public NativeBlockWriter MlMetrics => _native[(int)StorageTable.MlMetrics] ??= MlMetricRows.NewBlock();

    public int TotalRows => _json.Sum(t => t?.RowCount ?? 0) + _native.Sum(t => t?.RowCount ?? 0);

    /// <summary>The non-empty parts in the order tables are written; within a table, JSON before Native.</summary>
    public IEnumerable<RowPart> Parts()
    {
        foreach (var table in TablesInOrder)
        {
            if (_json[(int)table] is { RowCount: > 0 } json)
            {
                yield return new RowPart(table, RowFormat.JsonEachRow, json.RowCount, json.WrittenMemory);
            }

            if (_native[(int)table] is { RowCount: > 0 } native)
            {
                yield return new RowPart(table, RowFormat.Native, native.RowCount, native.Block);
            }
        }
    }

    public void Dispose()
    {
        foreach (var table in _json)
        {
            table?.Dispose();
        }
    }
}

/// <summary>The encoded rows of one table in one format.</summary>
internal readonly record struct RowPart(StorageTable Table, RowFormat Format, int Rows, ReadOnlyMemory<byte> Bytes);
