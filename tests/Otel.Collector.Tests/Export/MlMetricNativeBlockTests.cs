using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Otel.Collector.ClickHouse;
using Otel.Collector.Export;
using Otel.Collector.Ingest;
using Otel.Collector.Mapping;
using Otel.Collector.Pipeline;
using Otel.Collector.Spool;
using Otel.Collector.Tests.Infrastructure;
using static Otel.Collector.Tests.Pipeline.PipelineTestKit;

namespace Otel.Collector.Tests.Export;

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
        MlMetricRows.Write(batch.MlMetrics, "run-ü'1", "exp \"x\"", points);
        MlMetricRows.Write(batch.MlMetrics, "run-ü'1", "exp \"x\"", "otel.metric", 6, 1e308, 6, MlMetricRows.Sources.OtelMetric);

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
        var spool = TestSpool.Create("native-upgrade");
        using (var directory = SpoolDirectory.Open(spool))
        using (var writer = new SpoolWriter(directory, 1 << 20, fsync: false))
        {
            // What an earlier version spooled: ml_metrics as JSONEachRow.
            using var old = new RowBatch();
            var json = old.For(StorageTable.MlMetrics).BeginRow();
            json.WriteString("RunId", "upgrade");
            json.WriteString("Experiment", "e");
            json.WriteString("Key", "loss");
            json.WriteNumber("Step", 1);
            json.WriteNumber("Value", 0.5);
            json.WriteNumber("Timestamp", 1_000);
            json.WriteString("Source", "event");
            old.For(StorageTable.MlMetrics).EndRow();
            writer.Append(old);

            using var current = new RowBatch();
            MlMetricRows.Write(current.MlMetrics, "upgrade", "e", [new MetricPoint("loss", 0.75, 2, 2_000)]);
            writer.Append(current);
            writer.Commit();
        }

        await using (var pipeline = StartPipeline(store, spool))
        {
            await pipeline.StopAsync(Cancellation);
        }

        var rows = await QueryRowsAsync(store, "SELECT Step AS step, Value AS value FROM ml_metrics FINAL WHERE RunId = 'upgrade' ORDER BY Step");
        Assert.Equal([(1, 0.5), (2, 0.75)], rows.Select(r => (r.GetProperty("step").GetInt32(), r.GetProperty("value").GetDouble())));
    }

    [Fact]
    public void NativeBlock_MatchesItsDocumentedLayout()
    {
        var block = MlMetricRows.NewBlock();
        MlMetricRows.Write(block, "r", "e", [new MetricPoint("k", 1.5, 7, 9)]);

        var expected = new BinaryValueWriter();
        expected.WriteVarUInt(7);
        expected.WriteVarUInt(1);
        foreach (var (name, type, write) in new (string, string, Action<BinaryValueWriter>)[]
        {
            ("RunId", "String", w => w.WriteString("r")), ("Experiment", "String", w => w.WriteString("e")),
            ("Key", "String", w => w.WriteString("k")), ("Step", "Int64", w => w.WriteInt64(7)), ("Value", "Float64", w => w.WriteFloat64(1.5)),
            ("Timestamp", "DateTime64(9, 'UTC')", w => w.WriteInt64(9)), ("Source", "String", w => w.WriteString("event")),
        })
        {
            expected.WriteString(name);
            expected.WriteString(type);
            write(expected);
        }

        Assert.Equal(expected.WrittenMemory.ToArray(), block.Block.ToArray());
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
