using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.SqlEndpoint;

/// <summary>The ClickHouse HTTP protocol as clients speak it: query placement, formats, parameters, headers, errors, compression.</summary>
public sealed class SqlEndpointHttpTests(SqlEndpointFixture fixture) : IClassFixture<SqlEndpointFixture>
{
    private SqlEndpointCollector Sql => fixture.Collector;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ping_Answers_OkAsClickHouseDoes()
    {
        var body = await Sql.Http.GetStringAsync("/ping", Cancel).WaitAsync(TestTimeouts.Default, Cancel);

        Assert.Equal("Ok.\n", body);
    }

    [Fact]
    public async Task Get_QueryInUrlWithDefaultFormat_AnswersInThatFormat()
    {
        using var response = await Sql.Http.GetAsync("/?query=" + Uri.EscapeDataString("SELECT 1 AS one, 'a' AS letter") + "&default_format=JSONEachRow", Cancel)
            .WaitAsync(TestTimeouts.Default, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"one\":1,\"letter\":\"a\"}\n", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("JSONEachRow", response.Headers.GetValues("X-ClickHouse-Format").Single());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("result_bytes", response.Headers.GetValues("X-ClickHouse-Summary").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_FormatClauseInBody_WinsOverDefaultFormat()
    {
        var body = await Sql.QueryTextAsync("SELECT number FROM numbers(3) FORMAT CSV", "default_format=JSON");

        Assert.Equal("0\n1\n2\n", body);
    }

    [Fact]
    public async Task Post_NoFormat_TabSeparatedLikeClickHouse()
    {
        using var response = await Sql.PostAsync("SELECT 1, 'x'");

        Assert.Equal("1\tx\n", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("text/tab-separated-values", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_QueryParameters_BoundByName()
    {
        var body = await Sql.QueryTextAsync("SELECT {name:String} AS n, {ids:Array(UInt8)} AS ids FORMAT JSONEachRow",
            "param_name=" + Uri.EscapeDataString("it's") + "&param_ids=" + Uri.EscapeDataString("[1,2]"));

        Assert.Equal("{\"n\":\"it's\",\"ids\":[1,2]}\n", body);
    }

    [Fact]
    public async Task Post_QueryId_EchoedInHeader()
    {
        using var response = await Sql.PostAsync("SELECT 1", "query_id=grafana-42");

        Assert.Equal("grafana-42", response.Headers.GetValues("X-ClickHouse-Query-Id").Single());
    }

    [Fact]
    public async Task Post_UnqualifiedTables_ReadTheCollectorsDatabase()
    {
        var body = await Sql.QueryTextAsync("SELECT currentDatabase(), count() > 0 FROM system.tables WHERE database = currentDatabase() AND name = 'ml_runs'", "database=" + Sql.Database);

        Assert.Equal($"{Sql.Database}\t1\n", body);
    }

    [Fact]
    public async Task Post_DatabaseDefault_MeansTheServedDatabase()
    {
        var body = await Sql.QueryTextAsync("SELECT currentDatabase()", "database=default");

        Assert.Equal(Sql.Database + "\n", body);
    }

    [Fact]
    public async Task Post_OtherDatabase_RefusedSayingWhichIsServed()
    {
        using var response = await Sql.PostAsync("SELECT 1", "database=system");
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("81", response.Headers.GetValues("X-ClickHouse-Exception-Code").Single());
        Assert.StartsWith("Code: 81. DB::Exception: Database system is not served here", body, StringComparison.Ordinal);
        Assert.Contains($"database={Sql.Database}", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_GrafanaMetadataQueries_Answer()
    {
        foreach (var sql in new[]
        {
            "SELECT version()",
            "SHOW DATABASES",
            $"SHOW TABLES FROM \"{Sql.Database}\"",
            $"SELECT name, type, table FROM system.columns WHERE database IN ('{Sql.Database}') AND table = 'otel_traces'",
            "DESC TABLE ml_runs",
            "SELECT name FROM system.databases",
        })
        {
            Assert.NotEqual(string.Empty, await Sql.QueryTextAsync(sql, "database=" + Sql.Database));
        }
    }

    [Fact]
    public async Task Post_Query_RunsUnderEngineReadonly()
    {
        var body = await Sql.QueryTextAsync("SELECT getSetting('readonly'), getSetting('max_execution_time') SETTINGS max_execution_time = 7");

        Assert.Equal("1\t7\n", body);
    }

    [Theory]
    [InlineData("SELECT getSetting('readonly') SETTINGS readonly = 0")]
    [InlineData("SELECT getSetting('readonly') SETTINGS readonly = 2")]
    public async Task Post_CallerAsksForReadonlyOff_StillRunsReadonly(string sql)
    {
        Assert.Equal("1\n", await Sql.QueryTextAsync(sql));
    }

    [Fact]
    public async Task Post_SubqueryAsksForReadonlyOff_Refused()
    {
        // Regression: a subquery's own SETTINGS readonly = 0 ran that subquery with readonly 0.
        using var response = await Sql.PostAsync("SELECT * FROM (SELECT getSetting('readonly') SETTINGS readonly = 0)");
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.False(response.IsSuccessStatusCode);
        Assert.StartsWith("Code: 164. DB::Exception: Cannot modify 'readonly' setting", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INSERT INTO ml_runs (RunId) VALUES ('sneaked')", 164)]
    [InlineData("DROP TABLE ml_runs", 164)]
    [InlineData("TRUNCATE TABLE ml_runs", 164)]
    [InlineData("ALTER TABLE ml_runs DELETE WHERE 1", 164)]
    [InlineData("SYSTEM DROP MARK CACHE", 164)]
    [InlineData("SET max_memory_usage = 1", 164)]
    [InlineData("SELECT * FROM file('/etc/passwd', 'LineAsString')", 497)]
    [InlineData("SELECT * FROM url('http://127.0.0.1:9/', 'LineAsString')", 497)]
    [InlineData("SELECT 1 INTO OUTFILE '/tmp/otel-track-sql-endpoint-outfile'", 497)]
    [InlineData("SELECT 1; DROP TABLE ml_runs", 62)]
    public async Task Post_RefusedStatement_ClickHouseErrorAndNothingChanged(string sql, int code)
    {
        using var response = await Sql.PostAsync(sql);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("X-ClickHouse-Exception-Code").Single());
        Assert.StartsWith($"Code: {code}. DB::Exception: ", body, StringComparison.Ordinal);
        Assert.Equal("1\t0\n", await Sql.QueryTextAsync("SELECT (SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = 'ml_runs'), (SELECT count() FROM ml_runs)"));
        Assert.False(File.Exists("/tmp/otel-track-sql-endpoint-outfile"));
    }

    [Fact]
    public async Task Post_EngineRefusal_PassedOnWithItsCode()
    {
        using var response = await Sql.PostAsync("SELECT * FROM no_such_table");
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("60", response.Headers.GetValues("X-ClickHouse-Exception-Code").Single());
        Assert.StartsWith("Code: 60. DB::Exception:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SetOfHarmlessSetting_AcceptedAsNoOp()
    {
        using var response = await Sql.PostAsync("SET output_format_json_quote_64bit_integers = 0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Post_UnknownPath_NotFound()
    {
        using var response = await Sql.Http.GetAsync("/play", Cancel).WaitAsync(TestTimeouts.Default, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_HttpCompressionAsked_GzipBothWays()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionMode.Compress, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes("SELECT repeat('a', 1000) AS text FORMAT JSONEachRow"), Cancel);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/?enable_http_compression=1") { Content = new ByteArrayContent(compressed.ToArray()) };
        request.Content.Headers.ContentEncoding.Add("gzip");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await Sql.Http.SendAsync(request, Cancel).WaitAsync(TestTimeouts.Default, Cancel);
        var raw = await response.Content.ReadAsByteArrayAsync(Cancel);

        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        Assert.True(raw.Length < 200, $"{raw.Length} bytes: not compressed");
        await using var reader = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
        using var text = new StreamReader(reader);
        Assert.Equal(1000, JsonDocument.Parse(await text.ReadToEndAsync(Cancel)).RootElement.GetProperty("text").GetString()!.Length);
    }

    [Fact]
    public async Task Post_AcceptEncodingWithoutSetting_PlainLikeClickHouse()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("SELECT 1") };
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await Sql.Http.SendAsync(request, Cancel).WaitAsync(TestTimeouts.Default, Cancel);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("1\n", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Post_ClickHouseCompressedBlocksAsked_RefusedSayingWhatToUse()
    {
        using var response = await Sql.PostAsync("SELECT 1", "compress=1");

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Contains("enable_http_compression=1", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    /// <summary>clickhouse-go over HTTP: the hello query, decoded at its TCP protocol revision (block info, a serialization byte per column).</summary>
    [Fact]
    public async Task Post_ClickHouseGoHello_NativeAtItsProtocolRevision()
    {
        var columns = await NativeAsync("SELECT displayName(), version(), revision(), timezone()", 54460);

        Assert.Equal(["displayName()", "version()", "revision()", "timezone()"], columns.Select(c => c.Name));
        Assert.Equal("String", columns[0].Type);
        Assert.StartsWith("26.", (string)columns[1].Values.Single()!, StringComparison.Ordinal);
        Assert.Equal("UInt32", columns[2].Type);
    }

    [Fact]
    public async Task Post_NativeOfManyTypesAndBlocks_EveryValueWhereClickHouseGoReadsIt()
    {
        const string sql = """
            SELECT number AS n, toString(number) AS s, if(number % 2 = 0, NULL, number * 1.5) AS maybe, range(number % 4) AS list,
                   toLowCardinality(concat('lc', toString(number % 3))) AS lc, toDateTime64('2026-01-02 03:04:05', 3, 'UTC') AS at,
                   map('k', number) AS m, tuple(number, 'x') AS t, CAST(number % 2, 'Enum8(\'a b\' = 0, \'c\' = 1)') AS e,
                   toDecimal64(number, 2) AS d, toUUID('00000000-0000-0000-0000-000000000001') AS u, [[1, 2], [3]] AS nested,
                   toFixedString('ab', 2) AS f, toIPv4('1.2.3.4') AS ip, '{"a":1}'::JSON AS j,
                   CAST(map('service', toString(number % 5)), 'Map(LowCardinality(String), String)') AS attributes
            FROM numbers(70000) SETTINGS max_block_size = 65536
            """;

        var columns = await NativeAsync(sql, 54460);

        var byName = columns.ToDictionary(c => c.Name);
        Assert.All(columns, c => Assert.Equal(70000, c.Values.Count));
        Assert.Equal(69999UL, byName["n"].Values[^1]);
        Assert.Equal("69999", byName["s"].Values[^1]);
        Assert.Equal([null, 1.5], byName["maybe"].Values.Take(2));
        Assert.Equal([(byte)0, (byte)1, (byte)2], ((List<object?>)byName["list"].Values[^1]!).Cast<byte>());
        Assert.Equal("LowCardinality(String)", byName["lc"].Type);
        Assert.Equal("lc0", byName["lc"].Values[69999]);
        Assert.Equal("service=4", byName["attributes"].Values[^1]);
        Assert.Equal(1767323045000L, byName["at"].Values[0]);
        Assert.Equal("k=69999", byName["m"].Values[^1]);
        Assert.Equal("(69999, x)", byName["t"].Values[^1]);
        Assert.Equal((sbyte)1, byName["e"].Values[^1]);
        Assert.Equal(6999900L, byName["d"].Values[^1]);
        Assert.Equal("ab", byName["f"].Values[^1]);
        Assert.Equal(0x01020304U, byName["ip"].Values[^1]);
        Assert.Equal("{\"a\":1}", byName["j"].Values[^1]);
        Assert.Equal(2, ((List<object?>)byName["nested"].Values[^1]!).Count);
    }

    [Fact]
    public async Task Post_NativeWithoutProtocolVersion_EngineLayoutUnchanged()
    {
        using var response = await Sql.PostAsync("SELECT number AS n FROM numbers(3)", "default_format=Native");

        var columns = new NativeTestReader(await response.Content.ReadAsByteArrayAsync(Cancel), 0).ReadAll();

        Assert.Equal([0UL, 1UL, 2UL], columns.Single().Values.Cast<ulong>());
    }

    [Fact]
    public async Task Post_NativeOfTypeWithState_RefusedSayingWhatToDo()
    {
        using var response = await Sql.PostAsync("SELECT uniqState(number) FROM numbers(3)", "client_protocol_version=54460&default_format=Native");

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Contains("JSON", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    /// <summary>A request shaped as clickhouse-go sends it: the SQL as the body, the settings it puts in the URL, Accept-Encoding from the plugin's gzip.</summary>
    private async Task<List<(string Name, string Type, List<object?> Values)>> NativeAsync(string sql, ulong revision)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/?client_protocol_version={revision}&database={Sql.Database}&default_format=Native")
        {
            Content = new StringContent(sql),
        };
        request.Content.Headers.ContentType = null;
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        request.Headers.UserAgent.ParseAdd("clickhouse-go/2.40.0 (lv:go/1.24.0; os:linux) grafana-datasource/4.20.0");
        using var response = await Sql.Http.SendAsync(request, Cancel).WaitAsync(TestTimeouts.Default, Cancel);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, Encoding.UTF8.GetString(bytes));
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        return new NativeTestReader(bytes, revision).ReadAll();
    }
}
