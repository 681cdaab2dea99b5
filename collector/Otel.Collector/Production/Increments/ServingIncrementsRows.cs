using Otel.Collector.Query;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Production.Increments;

/// <summary>Rows of migration 0019's tables as the serving-increments job writes them through the pipeline.</summary>
internal static class ServingIncrementsRows
{
    /// <summary>Copies JSONEachRow output whose columns are <paramref name="table"/>'s into the batch, one row per line.</summary>
    public static void Copy(RowBatch batch, StorageTable table, byte[] output)
    {
        var rows = batch.For(table);
        foreach (var row in JsonRows.Parse(output))
        {
            var json = rows.BeginRow();
            foreach (var column in row.EnumerateObject())
            {
                column.WriteTo(json);
            }

            rows.EndRow();
        }
    }

    /// <summary>The job's progress after a batch: written last in it (StorageTable order), so it lands after the rows it covers.</summary>
    public static void Progress(RowBatch batch, DateTimeOffset snapshotAt, DateTimeOffset minutesThrough, DateTimeOffset hoursThrough, DateTimeOffset computedAt)
    {
        var rows = batch.For(StorageTable.MlServingIncrementsProgress);
        var json = rows.BeginRow();
        json.WriteString("Job", IncrementsProgress.JobName);
        json.WriteNumber("SnapshotAt", snapshotAt.ToUnixTimeMilliseconds()); // DateTime64(3): an integer in milliseconds
        json.WriteNumber("MinutesThrough", minutesThrough.ToUnixTimeSeconds());
        json.WriteNumber("HoursThrough", hoursThrough.ToUnixTimeSeconds());
        json.WriteNumber("ComputedAt", computedAt.ToUnixTimeMilliseconds());
        rows.EndRow();
    }
}
