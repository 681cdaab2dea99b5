using System.Text;
using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Storage;

/// <summary>
/// What every <see cref="IClickHouseStore"/> must do, run against each backend by a subclass.
/// Each test opens its own store on its own database.
/// </summary>
public abstract class StoreConformanceTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private protected abstract Task<IClickHouseStore> CreateStoreAsync(string name, CancellationToken cancellationToken);

    [Fact]
    public async Task InsertJsonEachRow_MapDateTime64NestedAndArrayColumns_QueryReturnsSameRows()
    {
        await using var store = await CreateStoreAsync("roundtrip", Cancellation);
        await ExecuteAsync(store, """
            CREATE TABLE spans (
                id UInt64,
                name String,
                value Float64,
                attributes Map(LowCardinality(String), String),
                ts DateTime64(9, 'UTC'),
                tags Array(String),
                events Nested(name String, ts DateTime64(9, 'UTC'))
            ) ENGINE = MergeTree ORDER BY id
            """);

        var rows = JsonRows.Encode(
            new Dictionary<string, object>
            {
                ["id"] = 1,
                ["name"] = "train",
                ["value"] = 0.25,
                ["attributes"] = new Dictionary<string, string> { ["ml.run.id"] = "r1", ["quote'key"] = "x\"y\\z" },
                ["ts"] = "1700000000.123456789",
                ["tags"] = new[] { "a", "b" },
                ["events.name"] = new[] { "epoch", "checkpoint" },
                ["events.ts"] = new[] { "1700000000.000000001", "1700000001.000000002" },
            },
            new Dictionary<string, object> { ["id"] = 2, ["name"] = "eval", ["value"] = -1.5, ["ts"] = "2023-11-14 22:13:21.5" });
        await store.InsertAsync("spans", "JSONEachRow", rows, cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        var result = JsonRows.Parse(await QueryAsync(store, "SELECT * FROM spans ORDER BY id", "JSONEachRow"));

        Assert.Equal(2, result.Count);
        var first = result[0];
        Assert.Equal("train", first.GetProperty("name").GetString());
        Assert.Equal(0.25, first.GetProperty("value").GetDouble());
        Assert.Equal("r1", first.GetProperty("attributes").GetProperty("ml.run.id").GetString());
        Assert.Equal("x\"y\\z", first.GetProperty("attributes").GetProperty("quote'key").GetString());
        Assert.Equal("2023-11-14 22:13:20.123456789", first.GetProperty("ts").GetString());
        Assert.Equal(["a", "b"], Strings(first.GetProperty("tags")));
        Assert.Equal(["epoch", "checkpoint"], Strings(first.GetProperty("events.name")));
        Assert.Equal(["2023-11-14 22:13:20.000000001", "2023-11-14 22:13:21.000000002"], Strings(first.GetProperty("events.ts")));
        var second = result[1];
        Assert.Equal("2023-11-14 22:13:21.500000000", second.GetProperty("ts").GetString());
        Assert.Empty(second.GetProperty("attributes").EnumerateObject());
        Assert.Empty(second.GetProperty("events.name").EnumerateArray());
    }

    [Fact]
    public async Task InsertJsonEachRow_DateTime64NanosecondInputForms_AllStoreTheSameInstant()
    {
        await using var store = await CreateStoreAsync("datetime64", Cancellation);
        await ExecuteAsync(store, "CREATE TABLE times (form String, ts DateTime64(9, 'UTC')) ENGINE = MergeTree ORDER BY form");

        // The three forms the exporters may write; an unquoted integer is nanoseconds (ticks at scale 9), not seconds.
        var rows = Encoding.UTF8.GetBytes("""
            {"form":"decimal seconds string","ts":"1700000000.123456789"}
            {"form":"integer nanoseconds","ts":1700000000123456789}
            {"form":"date time string","ts":"2023-11-14 22:13:20.123456789"}

            """);
        await store.InsertAsync("times", "JSONEachRow", rows, cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        var output = Encoding.UTF8.GetString(await QueryAsync(store, "SELECT DISTINCT toUnixTimestamp64Nano(ts) FROM times", "TabSeparated"));
        Assert.Equal("1700000000123456789\n", output);
    }

    [Theory]
    [MemberData(nameof(HostileValues.Names), MemberType = typeof(HostileValues))]
    public async Task QueryStringParameter_HostileValue_ComesBackByteIdentical(string valueName)
    {
        var value = HostileValues.All[valueName];
        await using var store = await CreateStoreAsync("param", Cancellation);

        var output = await QueryAsync(store, "SELECT {v:String}", "RawBLOB", new QueryParameters().Add("v", value));

        Assert.Equal(Encoding.UTF8.GetBytes(value), output);
    }

    [Fact]
    public async Task QueryArrayParameter_AllHostileValues_ComeBackInOrderUnchanged()
    {
        var values = HostileValues.All.Values.ToList();
        await using var store = await CreateStoreAsync("array_param", Cancellation);

        var output = await QueryAsync(store, "SELECT {a:Array(String)} AS a", "JSONEachRow", new QueryParameters().Add("a", values));

        Assert.Equal(values, Strings(JsonRows.Parse(output).Single().GetProperty("a")));
    }

    [Fact]
    public async Task QueryArrayParameter_Empty_IsEmptyArray()
    {
        await using var store = await CreateStoreAsync("empty_array", Cancellation);

        var output = await QueryAsync(store, "SELECT length({a:Array(String)})", "TabSeparated", new QueryParameters().Add("a", Array.Empty<string>()));

        Assert.Equal("0\n", Encoding.UTF8.GetString(output));
    }

    [Fact]
    public async Task QueryNumberParameters_ExtremeValues_RoundTrip()
    {
        await using var store = await CreateStoreAsync("number_param", Cancellation);
        var parameters = new QueryParameters()
            .Add("min", long.MinValue)
            .Add("max", long.MaxValue)
            .Add("tiny", 1e-300)
            .Add("third", 1.0 / 3);

        var output = await QueryAsync(
            store, "SELECT {min:Int64} AS min, {max:Int64} AS max, {tiny:Float64} AS tiny, {third:Float64} AS third", "JSONEachRow", parameters);

        var row = JsonRows.Parse(output).Single();
        Assert.Equal(long.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture), row.GetProperty("min").ToString());
        Assert.Equal(long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), row.GetProperty("max").ToString());
        Assert.Equal(1e-300, row.GetProperty("tiny").GetDouble());
        Assert.Equal(1.0 / 3, row.GetProperty("third").GetDouble());
    }

    [Fact]
    public async Task Query_ParameterInWhereClause_FiltersWithoutInjection()
    {
        await using var store = await CreateStoreAsync("where_param", Cancellation);
        await ExecuteAsync(store, "CREATE TABLE runs (id String) ENGINE = MergeTree ORDER BY id");
        await store.InsertAsync("runs", "JSONEachRow", JsonRows.Encode(new { id = "a" }, new { id = "b" }), cancellationToken: Cancellation)
            .WaitAsync(TestTimeouts.Default, Cancellation);

        var output = await QueryAsync(store, "SELECT count() FROM runs WHERE id = {id:String}", "TabSeparated", new QueryParameters().Add("id", "a' OR '1'='1"));

        Assert.Equal("0\n", Encoding.UTF8.GetString(output));
    }

    [Fact]
    public async Task Insert_SameDeduplicationTokenTwice_StoresRowsOnce_ButANewTokenStoresThemAgain()
    {
        await using var store = await CreateStoreAsync("dedup_token", Cancellation);
        await ExecuteAsync(store, "CREATE TABLE points (id String) ENGINE = MergeTree ORDER BY id SETTINGS non_replicated_deduplication_window = 100");
        var rows = JsonRows.Encode(new { id = "a" }, new { id = "b" });

        await store.InsertAsync("points", "JSONEachRow", rows, "wal:1:0-100:points", Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        await store.InsertAsync("points", "JSONEachRow", rows, "wal:1:0-100:points", Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        Assert.Equal("2\n", Encoding.UTF8.GetString(await QueryAsync(store, "SELECT count() FROM points", "TabSeparated")));

        await store.InsertAsync("points", "JSONEachRow", rows, "wal:1:100-200:points", Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        Assert.Equal("4\n", Encoding.UTF8.GetString(await QueryAsync(store, "SELECT count() FROM points", "TabSeparated")));
    }

    [Fact]
    public async Task Insert_TokenWithQuote_IsRefusedBeforeReachingSql()
    {
        await using var store = await CreateStoreAsync("dedup_token_bad", Cancellation);

        await Assert.ThrowsAsync<ArgumentException>(() => store.InsertAsync("t", "JSONEachRow", "{}"u8.ToArray(), "x' OR 1", Cancellation));
    }

    [Fact]
    public async Task Query_SyntaxError_ThrowsClickHouseExceptionWithEngineMessageAndSql()
    {
        await using var store = await CreateStoreAsync("syntax_error", Cancellation);

        var exception = await Assert.ThrowsAsync<ClickHouseException>(() => QueryAsync(store, "SELEC 1 FROM nowhere_at_all", "TabSeparated"));

        Assert.Contains("SYNTAX_ERROR", exception.Message, StringComparison.Ordinal);
        Assert.Contains("SELEC 1 FROM nowhere_at_all", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_UnknownTable_ThrowsClickHouseExceptionNamingTheError()
    {
        await using var store = await CreateStoreAsync("unknown_table", Cancellation);

        var exception = await Assert.ThrowsAsync<ClickHouseException>(() => ExecuteAsync(store, "INSERT INTO missing_table SELECT 1"));

        Assert.Contains("UNKNOWN_TABLE", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insert_MalformedRows_ThrowsClickHouseExceptionAndStoreStaysUsable()
    {
        await using var store = await CreateStoreAsync("malformed", Cancellation);
        await ExecuteAsync(store, "CREATE TABLE t (n UInt8) ENGINE = MergeTree ORDER BY n");

        await Assert.ThrowsAsync<ClickHouseException>(() =>
            store.InsertAsync("t", "JSONEachRow", Encoding.UTF8.GetBytes("{\"n\": \"not a number\"}\n"), cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation));
        await store.InsertAsync("t", "JSONEachRow", Encoding.UTF8.GetBytes("{\"n\": 7}\n"), cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        Assert.Equal("7\n", Encoding.UTF8.GetString(await QueryAsync(store, "SELECT n FROM t", "TabSeparated")));
    }

    [Fact]
    public async Task Insert_RowBinaryBeyondAFewThousandRows_AllRowsArrive()
    {
        await using var store = await CreateStoreAsync("rowbinary", Cancellation);
        await ExecuteAsync(store, "CREATE TABLE metrics (key String, step Int64, value Float64) ENGINE = MergeTree ORDER BY (key, step)");
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            for (var step = 0; step < 20_000; step++)
            {
                writer.Write("loss"); // 7-bit length prefix, the same varint RowBinary uses
                writer.Write((long)step);
                writer.Write(step * 0.5);
            }
        }

        await store.InsertAsync("metrics", "RowBinary", body.ToArray(), cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        var output = await QueryAsync(store, "SELECT count(), sum(step), max(value) FROM metrics", "TabSeparated");
        Assert.Equal("20000\t199990000\t9999.5\n", Encoding.UTF8.GetString(output));
    }

    [Fact]
    public async Task Insert_ConcatenatedNativeBlocks_MatchColumnsByName_AndDefaultTheMissingOnes()
    {
        await using var store = await CreateStoreAsync("native", Cancellation);
        await ExecuteAsync(store, "CREATE TABLE points (key LowCardinality(String), step Int64, value Float64 DEFAULT -1) ENGINE = MergeTree ORDER BY (key, step)");
        var body = new Otel.Collector.Sinks.Rows.BinaryValueWriter();
        body.WriteVarUInt(3);
        body.WriteVarUInt(2);
        body.WriteString("value");
        body.WriteString("Float64");
        body.WriteFloat64(0.5);
        body.WriteFloat64(double.NaN);
        body.WriteString("step");
        body.WriteString("Int64");
        body.WriteInt64(1);
        body.WriteInt64(2);
        body.WriteString("key");
        body.WriteString("String");
        body.WriteString("loss");
        body.WriteString("loss");
        body.WriteVarUInt(2); // a second block, as from another request, without the value column
        body.WriteVarUInt(1);
        body.WriteString("key");
        body.WriteString("String");
        body.WriteString("acc");
        body.WriteString("step");
        body.WriteString("Int64");
        body.WriteInt64(3);

        await store.InsertAsync("points", "Native", body.WrittenMemory, cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        var output = await QueryAsync(store, "SELECT key, step, value FROM points ORDER BY step", "TabSeparated");
        Assert.Equal("loss\t1\t0.5\nloss\t2\tnan\nacc\t3\t-1\n", Encoding.UTF8.GetString(output));
    }

    [Fact]
    public async Task Insert_NotAnIdentifierTableName_ThrowsArgumentException()
    {
        await using var store = await CreateStoreAsync("bad_table", Cancellation);

        await Assert.ThrowsAsync<ArgumentException>(() => store.InsertAsync("t; DROP TABLE x", "JSONEachRow", "{}"u8.ToArray(), cancellationToken: Cancellation));
    }

    [Fact]
    public async Task Stores_OnDifferentDatabases_DoNotSeeEachOthersTables()
    {
        await using var first = await CreateStoreAsync("isolation_a", Cancellation);
        await using var second = await CreateStoreAsync("isolation_b", Cancellation);
        await ExecuteAsync(first, "CREATE TABLE only_here (n UInt8) ENGINE = MergeTree ORDER BY n");
        await ExecuteAsync(first, "INSERT INTO only_here VALUES (1)");

        await Assert.ThrowsAsync<ClickHouseException>(() => QueryAsync(second, "SELECT count() FROM only_here", "TabSeparated"));
        await ExecuteAsync(second, "CREATE TABLE only_here (n UInt8) ENGINE = MergeTree ORDER BY n");
        await ExecuteAsync(second, "INSERT INTO only_here VALUES (2), (3)");

        Assert.Equal("1\n", Encoding.UTF8.GetString(await QueryAsync(first, "SELECT sum(n) FROM only_here", "TabSeparated")));
        Assert.Equal("5\n", Encoding.UTF8.GetString(await QueryAsync(second, "SELECT sum(n) FROM only_here", "TabSeparated")));
        Assert.Equal(first.Database + "\n", Encoding.UTF8.GetString(await QueryAsync(first, "SELECT currentDatabase()", "TabSeparated")));
    }

    [Fact]
    public async Task Open_AppliesProductMigrations_HistoryTableExists()
    {
        await using var store = await CreateStoreAsync("migrated", Cancellation);

        var output = await QueryAsync(store, "SELECT count() FROM schema_migrations", "TabSeparated");

        Assert.Equal($"{Otel.Collector.ClickHouse.Migrations.EmbeddedMigrations.Product.Count}\n", Encoding.UTF8.GetString(output));
    }

    private static Task ExecuteAsync(IClickHouseStore store, string sql) =>
        store.ExecuteAsync(sql, cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

    private static Task<byte[]> QueryAsync(IClickHouseStore store, string sql, string format, QueryParameters? parameters = null) =>
        store.QueryAsync(sql, format, parameters, Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(element => element.GetString() ?? "").ToList();
}
