using Otel.Collector.Model;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Sinks;

/// <summary>
/// <c>ml_run_changes</c> marks: one row per run whose run row, params or datasets the batch changed. ClickHouse stamps
/// <c>ChangedAt</c> when it stores the mark, so the completeness job finds every change on its own clock, whichever
/// collector received it. The table comes last in <see cref="StorageTable"/>, so a mark is inserted after the rows it marks.
/// </summary>
internal sealed class RunChangeSink : IIngestSink
{
    public void Write(IngestBatch batch, RowBatch rows)
    {
        foreach (var runId in batch.ChangedRuns)
        {
            var table = rows.For(StorageTable.MlRunChanges);
            table.BeginRow().WriteString("RunId", runId);
            table.EndRow();
        }
    }
}
