using System.Text;
using Otel.Collector.ClickHouse;
using Otel.Collector.Pipeline;
using Otel.Collector.Sinks.Rows;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Storage;

/// <summary>Embedded inserts go through chDB's streaming insert API: rows, settings, errors and concurrency.</summary>
public sealed class ChDbStreamingInsertTests
{
    private const string PointsTable =
        "CREATE TABLE points (key LowCardinality(String), step Int64) ENGINE = MergeTree ORDER BY (key, step) " +
        "SETTINGS non_replicated_deduplication_window = 100";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Insert_NativeBlocksOfSeveralMebibytes_AllRowsArrive()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("stream_native", Cancellation);
        await store.ExecuteAsync(PointsTable, cancellationToken: Cancellation);
        var rows = NativeBlocks(blocks: 4, rowsPerBlock: 100_000);
        Assert.True(rows.Length > 3 << 20, "the rows must span several appends");

        await store.InsertAsync("points", "Native", rows, cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        var output = await store.QueryAsync("SELECT count(), sum(step), uniqExact(key) FROM points", "TabSeparated", cancellationToken: Cancellation);
        Assert.Equal("400000\t19999800000\t4\n", Encoding.UTF8.GetString(output));
    }

    [Fact]
    public async Task Insert_NativeSameTokenTwice_SecondIsDeduplicated()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("stream_dedup", Cancellation);
        await store.ExecuteAsync(PointsTable, cancellationToken: Cancellation);
        var rows = NativeBlocks(blocks: 2, rowsPerBlock: 1_000);

        await store.InsertAsync("points", "Native", rows, "spool-1.0-1.100", Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        await store.InsertAsync("points", "Native", rows, "spool-1.0-1.100", Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        var once = await store.QueryAsync("SELECT count() FROM points", "TabSeparated", cancellationToken: Cancellation);
        await store.InsertAsync("points", "Native", rows, "spool-1.100-1.200", Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        var twice = await store.QueryAsync("SELECT count() FROM points", "TabSeparated", cancellationToken: Cancellation);

        Assert.Equal("2000\n", Encoding.UTF8.GetString(once));
        Assert.Equal("4000\n", Encoding.UTF8.GetString(twice));
    }

    [Fact]
    public async Task Insert_RowsThatDoNotParse_ThrowsWithTheirClickHouseCode_AndTheEngineStaysUsable()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("stream_bad_rows", Cancellation);
        await store.ExecuteAsync("CREATE TABLE t (n UInt8) ENGINE = MergeTree ORDER BY n", cancellationToken: Cancellation);
        var truncated = NativeBlocks(blocks: 1, rowsPerBlock: 10)[..^3];

        var json = await Assert.ThrowsAsync<ClickHouseException>(() =>
            store.InsertAsync("t", "JSONEachRow", "{\"n\": \"not a number\"}\n"u8.ToArray(), cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation));
        var native = await Assert.ThrowsAsync<ClickHouseException>(() =>
            store.InsertAsync("t", "Native", truncated, cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation));
        await store.InsertAsync("t", "JSONEachRow", "{\"n\": 7}\n"u8.ToArray(), cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        Assert.True(InsertErrorCodes.IsDataError(json), $"code {json.Code}: {json.Message}");
        Assert.True(InsertErrorCodes.IsDataError(native), $"code {native.Code}: {native.Message}");
        Assert.Contains("INSERT INTO `t`", native.Message, StringComparison.Ordinal);
        Assert.Equal("7\n", Encoding.UTF8.GetString(await store.QueryAsync("SELECT n FROM t", "TabSeparated", cancellationToken: Cancellation)));
    }

    [Fact]
    public async Task Insert_UnknownTable_ThrowsWithCode60_WhichIsAnOutageNotADataError()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("stream_no_table", Cancellation);

        var exception = await Assert.ThrowsAsync<ClickHouseException>(() =>
            store.InsertAsync("missing", "Native", NativeBlocks(blocks: 1, rowsPerBlock: 10), "spool-1.0-1.10", Cancellation).WaitAsync(TestTimeouts.Default, Cancellation));

        Assert.Equal(60, exception.Code); // UNKNOWN_TABLE
        Assert.False(InsertErrorCodes.IsDataError(exception));
    }

    [Fact]
    public async Task Queries_WhileInsertsStream_AllAnswerAndSeeOnlyWholeInserts()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("stream_concurrent", Cancellation);
        await store.ExecuteAsync(PointsTable, cancellationToken: Cancellation);
        const int RowsPerInsert = 2 * 50_000;
        var rows = NativeBlocks(blocks: 2, rowsPerBlock: 50_000);

        var inserts = Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => store.InsertAsync("points", "Native", rows, $"spool-{i}.0-{i}.1", Cancellation), Cancellation)));
        var counts = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            Task.Run(() => store.QueryAsync("SELECT count() FROM points", "TabSeparated", cancellationToken: Cancellation), Cancellation)))
            .WaitAsync(TestTimeouts.Default, Cancellation);
        await inserts.WaitAsync(TestTimeouts.Default, Cancellation);

        Assert.All(counts, output => Assert.Equal(0, long.Parse(Encoding.UTF8.GetString(output), System.Globalization.CultureInfo.InvariantCulture) % RowsPerInsert));
        Assert.Equal($"{8 * RowsPerInsert}\n", Encoding.UTF8.GetString(await store.QueryAsync("SELECT count() FROM points", "TabSeparated", cancellationToken: Cancellation)));
    }

    /// <summary>Native blocks (as the collector spools them, strings sent as String for a LowCardinality column), one key per block.</summary>
    private static byte[] NativeBlocks(int blocks, int rowsPerBlock)
    {
        var body = new BinaryValueWriter();
        for (var block = 0; block < blocks; block++)
        {
            body.WriteVarUInt(2);
            body.WriteVarUInt((uint)rowsPerBlock);
            body.WriteString("key");
            body.WriteString("String");
            for (var row = 0; row < rowsPerBlock; row++)
            {
                body.WriteString($"series-{block}");
            }

            body.WriteString("step");
            body.WriteString("Int64");
            for (var row = 0; row < rowsPerBlock; row++)
            {
                body.WriteInt64(row);
            }
        }

        return body.WrittenMemory.ToArray();
    }
}
