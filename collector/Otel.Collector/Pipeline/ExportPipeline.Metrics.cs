using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Pipeline;

/// <summary>The shipper's inserts, timed for the collector's own metrics.</summary>
internal sealed partial class ExportPipeline
{
    private async Task InsertTimedAsync(StorageTable table, RowFormat format, ReadOnlyMemory<byte> rows, string token)
    {
        var started = _time.GetTimestamp();
        var stored = false;
        try
        {
            await _store.InsertAsync(table.Name(), format.InsertFormat(), rows, token, CancellationToken.None);
            stored = true;
        }
        finally
        {
            _meter?.Inserted(table.Name(), stored, _time.GetElapsedTime(started));
        }
    }
}
