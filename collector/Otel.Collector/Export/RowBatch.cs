namespace Otel.Collector.Export;

/// <summary>
/// The rows one export request produced, encoded per table as JSONEachRow. Encoding happens on the
/// request's thread, so the single writer only concatenates and inserts.
/// </summary>
internal sealed class RowBatch : IDisposable
{
    private readonly JsonEachRowWriter?[] _tables = new JsonEachRowWriter?[Enum.GetValues<StorageTable>().Length];

    public JsonEachRowWriter For(StorageTable table) => _tables[(int)table] ??= new JsonEachRowWriter();

    public int TotalRows => _tables.Sum(t => t?.RowCount ?? 0);

    public long TotalBytes => _tables.Sum(t => (long)(t?.WrittenMemory.Length ?? 0));

    public int RowCount(StorageTable table) => _tables[(int)table]?.RowCount ?? 0;

    /// <summary>The encoded rows of one table, or empty.</summary>
    public ReadOnlyMemory<byte> Rows(StorageTable table) => _tables[(int)table]?.WrittenMemory ?? ReadOnlyMemory<byte>.Empty;

    public void Dispose()
    {
        foreach (var table in _tables)
        {
            table?.Dispose();
        }
    }
}
