using System.Diagnostics;
using Otel.Collector.ClickHouse;
using Otel.Collector.Model;
using Otel.Collector.Pipeline;
using Otel.Collector.Sinks;
using Otel.Collector.Sinks.Rows;

namespace Otel.Cli.Bench;

/// <summary>
/// The ceiling for <c>bench ingest</c>: the same <c>ml_metrics</c> rows, encoded by the collector's own metric
/// history sink (a Native block per request, concatenated per group as the collector's shipper does), inserted straight into an embedded ClickHouse of this process (its own data directory:
/// the collector under test is another process) in the largest group the collector's export pipeline makes
/// (<see cref="ExportPipelineOptions.MaxBatchRows"/>): under load the shipper also inserts smaller groups as soon as
/// it is idle, and fewer, larger inserts are the best the storage does, so the yardstick stays the ceiling. Only
/// the inserts are timed; encoding is not.
/// </summary>
internal static class RawInsertBenchmark
{
    public static async Task<RawInsertResult> RunAsync(IngestPlan plan, string dataPath, Action<string> progress, CancellationToken cancellationToken)
    {
        await using var store = await ClickHouseStoreFactory.OpenAsync(new ClickHouseStoreOptions { DataPath = dataPath, Database = "otel" }, TimeProvider.System, cancellationToken);
        var pipeline = new ExportPipelineOptions();
        var points = new List<MetricPoint>();

        // Warm-up (untimed): the first insert into a table pays for opening it.
        using (var warm = new RowBatch())
        {
            plan.FillPoints(0, points);
            points.RemoveRange(Math.Min(1000, points.Count), Math.Max(0, points.Count - 1000));
            Encode(warm, plan.WarmUpRunId, points);
            await store.InsertAsync(StorageTable.MlMetrics.Name(), Format, warm.MlMetrics.Block, cancellationToken: cancellationToken);
        }

        long rows = 0, bytes = 0;
        var chunks = 0;
        var inserting = TimeSpan.Zero;
        var cpu = TimeSpan.Zero;

        // One block per request, concatenated per insert group: the shape the collector's shipper inserts.
        using var self = Process.GetCurrentProcess();
        var blocks = new List<ReadOnlyMemory<byte>>();
        long groupRows = 0, groupBytes = 0;
        for (var j = 0; j < plan.RequestCount; j++)
        {
            plan.FillPoints(j, points);
            using (var batch = new RowBatch())
            {
                Encode(batch, plan.RunOf(j), points);
                blocks.Add(batch.MlMetrics.Block);
                groupRows += batch.MlMetrics.RowCount;
                groupBytes += batch.MlMetrics.Block.Length;
            }

            if (j == plan.RequestCount - 1 || groupRows >= pipeline.MaxBatchRows || groupBytes >= pipeline.MaxBatchBytes)
            {
                var pending = RowParts.Concatenate(blocks);
                self.Refresh();
                var cpuBefore = self.TotalProcessorTime;
                var started = Stopwatch.GetTimestamp();
                await store.InsertAsync(StorageTable.MlMetrics.Name(), Format, pending, cancellationToken: cancellationToken);
                inserting += Stopwatch.GetElapsedTime(started);
                self.Refresh();
                cpu += self.TotalProcessorTime - cpuBefore;
                rows += groupRows;
                bytes += pending.Length;
                chunks++;
                blocks.Clear();
                groupRows = groupBytes = 0;
            }
        }

        var stored = await store.QueryAsync("SELECT count() FROM ml_metrics WHERE RunId != {warm:String}", "TabSeparated",
            new QueryParameters().Add("warm", plan.WarmUpRunId), cancellationToken);
        var count = long.Parse(System.Text.Encoding.UTF8.GetString(stored).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        if (count != rows)
        {
            throw new CliException($"raw insert: {rows} rows inserted but {count} stored");
        }

        progress($"raw insert: {rows:N0} rows ({bytes / 1048576.0:0} MiB {Format}) in {chunks} inserts, {inserting.TotalSeconds:0.00} s inserting ({cpu.TotalSeconds:0.0} s CPU)");
        return new RawInsertResult(rows, chunks, bytes, inserting.TotalSeconds, cpu.TotalSeconds);
    }

    private static readonly string Format = RowFormat.Native.InsertFormat();

    /// <summary>The points as one span's metric history, encoded by the collector's sink.</summary>
    private static void Encode(RowBatch rows, string runId, List<MetricPoint> points)
    {
        var batch = new IngestBatch(0);
        var history = batch.MetricHistory;
        history.Reserve(points.Count);
        foreach (var point in points)
        {
            history.Add(point.Key, point.Value, point.Step, point.TimestampUnixNano);
        }

        history.EndSegment(0, runId, IngestPlan.Experiment, MetricSource.Event);
        History.Write(batch, rows);
    }

    private static readonly MetricHistorySink History = new();
}

internal sealed record RawInsertResult(long Rows, int Inserts, long Bytes, double Seconds, double CpuSeconds)
{
    public double RowsPerSecond => Rows / Seconds;
}
