namespace Otel.Collector.Export;

/// <summary>
/// <c>ml_run_changes</c> marks: one row per run whose run row, params or datasets a request changed. ClickHouse stamps
/// <c>ChangedAt</c> when it stores the mark, so the completeness job finds every change on its own clock, whichever
/// collector received it.
/// </summary>
internal static class RunChangeRows
{
    public static void Write(RowBatch batch, IEnumerable<string> runIds)
    {
        foreach (var runId in runIds)
        {
            var rows = batch.For(StorageTable.MlRunChanges);
            rows.BeginRow().WriteString("RunId", runId);
            rows.EndRow();
        }
    }
}
