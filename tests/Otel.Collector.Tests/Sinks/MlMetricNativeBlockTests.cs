using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Otel.Collector.ClickHouse;
using Otel.Collector.Ingest;
using Otel.Collector.Model;
using Otel.Collector.Pipeline;
using Otel.Collector.Sinks.Rows;
using Otel.Collector.Spool;
using Otel.Collector.Tests.Infrastructure;
using static Otel.Collector.Tests.Pipeline.PipelineTestKit;

namespace Otel.Collector.Tests.Sinks;

/// <summary><c>ml_metrics</c> rows as Native blocks: exact values through the real pipeline and chDB, and spools written before them.</summary>
public sealed class MlMetricNativeBlockTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void WriteString_LengthOver127_UsesATwoByteLeb128Prefix()
    {
        var rows = new BinaryValueWriter();

        rows.WriteString(new string('a', 300));
        rows.WriteString("é");

        var bytes = rows.WrittenMemory.ToArray();
        Assert.Equal([0xAC, 0x02], bytes[..2]);
        Assert.Equal(300, bytes.AsSpan(2).IndexOf((byte)0x02));
        Assert.Equal([0x02, 0xC3, 0xA9], bytes[302..]);
    }

    [Fact]
    public async Task HostileKeysAndExtremeValues_ComeBackExactly_ThroughThePipelineIntoChDb()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("native_metrics", Cancellation);
        await using var pipeline = StartPipeline(store, TestSpool.Create("native"));
        MetricPoint[] points =
        [
            new("loss", 0.25, 0, 0),
            new("naïve/ключ/🚀", double.NaN, 1, 1),
            new("with\0nul\nnewline\t'quote\"\\", double.PositiveInfinity, 2, 2),
            new(new string('k', 300), double.NegativeInfinity, 3, ulong.MaxValue),
            new(string.Empty, -0.0, long.MinValue, 1_700_000_000_123_456_789),
            new("tiny", double.Epsilon, long.MaxValue, 5),
        ];
        using var batch = new RowBatch();
        WritePoints(batch.MlMetrics, "run-ü'1", "exp \"x\"", points);
        WritePoints(batch.MlMetrics, "run-ü'1", "exp \"x\"", [new("otel.metric", 1e308, 6, 6)], MetricSource.OtelMetric);

        Assert.Equal(IngestResult.Ok, await pipeline.WriteAsync(batch, Cancellation));

        var rows = await QueryRowsAsync(store, """
            SELECT hex(RunId) AS run, hex(Experiment) AS experiment, hex(Key) AS key, toString(Step) AS step,
                   toString(reinterpretAsUInt64(Value)) AS valueBits, isNaN(Value) AS nan,
                   toString(toUnixTimestamp64Nano(Timestamp)) AS ns, Source AS source
            FROM ml_metrics ORDER BY Timestamp, Step
            """);
        Assert.Equal(7, rows.Count);
        var expected = points.Select(p => (p.Key, p.Value, p.Step, (long)Math.Min(p.TimestampUnixNano, long.MaxValue), "event"))
            .Append(("otel.metric", 1e308, 6L, 6L, "otel_metric"))
            .OrderBy(p => p.Item4).ThenBy(p => p.Item3)
            .ToList();
        for (var i = 0; i < expected.Count; i++)
        {
            var (key, value, step, ns, source) = expected[i];
            var row = rows[i];
            Assert.Equal(Hex("run-ü'1"), row.GetProperty("run").GetString());
            Assert.Equal(Hex("exp \"x\""), row.GetProperty("experiment").GetString());
            Assert.Equal(Hex(key), row.GetProperty("key").GetString());
            Assert.Equal(step.ToString(System.Globalization.CultureInfo.InvariantCulture), row.GetProperty("step").GetString());
            Assert.Equal(ns.ToString(System.Globalization.CultureInfo.InvariantCulture), row.GetProperty("ns").GetString());
            Assert.Equal(source, row.GetProperty("source").GetString());
            if (double.IsNaN(value))
            {
                Assert.Equal(1, row.GetProperty("nan").GetInt32());
            }
            else
            {
                Assert.Equal(BitConverter.DoubleToUInt64Bits(value).ToString(System.Globalization.CultureInfo.InvariantCulture), row.GetProperty("valueBits").GetString());
            }
        }
    }

    [Fact]
    public async Task SpoolFromAnEarlierVersion_JsonMetricRecordAndNativeRecordInOneGroup_BothAreStored()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("native_upgrade", Cancellation);
        var spool = SpoolWith([OldJsonMetric("upgrade", 1), Native("upgrade", [new MetricPoint("loss", 0.75, 2, 2_000)])]);

        await using (var pipeline = StartPipeline(store, spool))
        {
            await pipeline.StopAsync(Cancellation);
        }

        var rows = await QueryRowsAsync(store, "SELECT Step AS step, Value AS value FROM ml_metrics FINAL WHERE RunId = 'upgrade' ORDER BY Step");
        Assert.Equal([(1, 0.5), (2, 0.75)], rows.Select(r => (r.GetProperty("step").GetInt32(), r.GetProperty("value").GetDouble())));
    }

    [Fact]
    public void NativeBlock_MatchesClickHousesNativeLayout_ByteForByte()
    {
        var block = MlMetricRows.NewBlock();
        WritePoints(block, "r", "e", [new MetricPoint("k", 1.5, 7, 9)]);

        byte[] expected =
        [
            7, 1, // columns, rows
            5, .. "RunId"u8, 6, .. "String"u8, 1, (byte)'r',
            10, .. "Experiment"u8, 6, .. "String"u8, 1, (byte)'e',
            3, .. "Key"u8, 6, .. "String"u8, 1, (byte)'k',
            4, .. "Step"u8, 5, .. "Int64"u8, 7, 0, 0, 0, 0, 0, 0, 0,
            5, .. "Value"u8, 7, .. "Float64"u8, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F,
            9, .. "Timestamp"u8, 20, .. "DateTime64(9, 'UTC')"u8, 9, 0, 0, 0, 0, 0, 0, 0,
            6, .. "Source"u8, 6, .. "String"u8, 5, .. "event"u8,
        ];
        Assert.Equal(expected, block.Block.ToArray());
    }

    [Fact]
    public void NativeBlock_OfMoreThan127Rows_CountsThemInATwoByteVarint()
    {
        var block = MlMetricRows.NewBlock();
        WritePoints(block, "r", "e", [.. Enumerable.Range(0, 200).Select(i => new MetricPoint("k", i, i, (ulong)i))]);

        Assert.Equal([7, 0xC8, 0x01], block.Block.Span[..3].ToArray());
        Assert.Equal(200, block.RowCount);
    }

    [Fact]
    public async Task SeveralNativeRequestsInOneInsertGroup_AreEachStoredOnce()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("native_group", Cancellation);
        var spool = SpoolWith(
            [.. Enumerable.Range(0, 3).Select(r => Native("group", [.. Enumerable.Range(0, 300).Select(i => new MetricPoint("loss", i, (r * 300) + i, (ulong)((r * 300) + i + 1)))]))]);

        await using (var pipeline = StartPipeline(store, spool))
        {
            await pipeline.StopAsync(Cancellation);
        }

        // Without FINAL: a block dropped or inserted twice would show here.
        var rows = await QueryRowsAsync(store, "SELECT count() AS n, uniqExact(Step) AS steps FROM ml_metrics WHERE RunId = 'group'");
        Assert.Equal(900, rows[0].GetProperty("n").GetInt32());
        Assert.Equal(900, rows[0].GetProperty("steps").GetInt32());
    }

    [Fact]
    public async Task InsertTokens_KeepTheEarlierFormForJson_SuffixOnlyTheNativeInsertOfAMixedTable_AndReplayTheSame()
    {
        var spool = SpoolWith([OldJsonMetric("mixed", 1), Native("mixed", [new MetricPoint("loss", 0.75, 2, 2_000)])]);
        var replay = TestSpool.Create("native-tokens-replay");
        Directory.CreateDirectory(replay);
        foreach (var file in Directory.GetFiles(spool))
        {
            File.Copy(file, Path.Combine(replay, Path.GetFileName(file)), overwrite: true);
        }

        var first = await InsertsOfAsync(spool);
        var second = await InsertsOfAsync(replay);

        var token = Assert.Single(first, i => !i.Token!.EndsWith("-Native", StringComparison.Ordinal)).Token!;
        Assert.Matches(@"^spool-\d+\.\d+-\d+\.\d+$", token);
        Assert.Equal([("ml_metrics", token), ("ml_metrics", token + "-Native")], first.Select(i => (i.Table, i.Token!)));
        Assert.Equal(first.Select(i => (i.Table, i.Token)), second.Select(i => (i.Table, i.Token)));
    }

    private static async Task<IReadOnlyList<(string Table, string Rows, string? Token)>> InsertsOfAsync(string spool)
    {
        var store = new Otel.Collector.Tests.Pipeline.GatedStore();
        store.Open();
        await using var pipeline = Start(store, Options(spool));
        await pipeline.StopAsync(Cancellation);
        return store.Inserts;
    }

    private static string SpoolWith(RowBatch[] records)
    {
        var spool = TestSpool.Create("native-records");
        using var directory = SpoolDirectory.Open(spool);
        using var writer = new SpoolWriter(directory, 1 << 20, fsync: false);
        foreach (var record in records)
        {
            writer.Append(record);
            record.Dispose();
        }

        writer.Commit();
        return spool;
    }

    /// <summary>The points as one segment of metric history, encoded as the metric history sink does.</summary>
    private static void WritePoints(NativeBlockWriter block, string runId, string experiment, MetricPoint[] points, MetricSource source = MetricSource.Event)
    {
        var columns = new MetricColumns();
        foreach (var point in points)
        {
            columns.Add(point.Key, point.Value, point.Step, point.TimestampUnixNano);
        }

        columns.EndSegment(0, runId, experiment, source);
        MlMetricRows.Write(block, columns, columns.Segments[0]);
    }

    private readonly record struct MetricPoint(string Key, double Value, long Step, ulong TimestampUnixNano);

    private static RowBatch Native(string runId, MetricPoint[] points)
    {
        var batch = new RowBatch();
        WritePoints(batch.MlMetrics, runId, "e", points);
        return batch;
    }

    /// <summary>An ml_metrics row as an earlier version spooled it: JSONEachRow.</summary>
    private static RowBatch OldJsonMetric(string runId, long step)
    {
        var batch = new RowBatch();
        var json = batch.For(StorageTable.MlMetrics).BeginRow();
        json.WriteString("RunId", runId);
        json.WriteString("Experiment", "e");
        json.WriteString("Key", "loss");
        json.WriteNumber("Step", step);
        json.WriteNumber("Value", 0.5);
        json.WriteNumber("Timestamp", step * 1_000);
        json.WriteString("Source", "event");
        batch.For(StorageTable.MlMetrics).EndRow();
        return batch;
    }

    private static ExportPipeline StartPipeline(IClickHouseStore store, string spool)
    {
        var pipeline = new ExportPipeline(store, Options(spool), TimeProvider.System, NullLogger<ExportPipeline>.Instance);
        pipeline.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return pipeline;
    }

    private static string Hex(string text) => Convert.ToHexString(Encoding.UTF8.GetBytes(text));

    private static async Task<List<JsonElement>> QueryRowsAsync(IClickHouseStore store, string sql)
    {
        var output = Encoding.UTF8.GetString(await store.QueryAsync(sql, "JSONEachRow", cancellationToken: Cancellation));
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }
}
