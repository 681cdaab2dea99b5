using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Web;
using Otel.Collector.ClickHouse;
using Otel.Collector.ClickHouse.Server;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Storage;

/// <summary>
/// What the server store puts on the wire, seen by a loopback listener that answers like ClickHouse's
/// HTTP interface. Together with the conformance suite on chDB (same parameter parser as the server)
/// this shows parameters reach the server as the exact text that parses back byte-identical; the
/// conformance suite against a real server proves the rest where one is available.
/// </summary>
public sealed class ClickHouseServerStoreTransportTests : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Task _serving;
    private readonly int _port = FreePort();

    public ClickHouseServerStoreTransportTests()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>What the fake answers to the next non-DDL request.</summary>
    private (HttpStatusCode Status, string Body) NextAnswer { get; set; } = (HttpStatusCode.OK, "");

    /// <summary>Whether the fake server has the setting that defers skip indexes (servers before it existed do not).</summary>
    private bool KnowsDeferSkipIndexes { get; set; }

    /// <summary>The X-ClickHouse-Exception-Code header of the answers, when set.</summary>
    private string? ExceptionCodeHeader { get; set; }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.WaitAsync(TestTimeouts.Default);
    }

    [Fact]
    public async Task Query_WithParameters_SendsThemAsParamSettingsAndNotInTheSql()
    {
        await using var store = await OpenAsync();
        var hostile = "a'b\\c\td\n\\N";
        NextAnswer = (HttpStatusCode.OK, "result-bytes");

        var output = await store.QueryAsync("SELECT {v:String}, {a:Array(String)}", "JSONEachRow", new QueryParameters().Add("v", hostile).Add("a", ["x'y"]), Cancellation)
            .WaitAsync(TestTimeouts.Default, Cancellation);

        var request = _requests[^1];
        Assert.Equal("result-bytes", Encoding.UTF8.GetString(output));
        Assert.Equal("SELECT {v:String}, {a:Array(String)}", request.Body);
        Assert.Equal(ParameterText.EscapeScalar(hostile), request.Query["param_v"]);
        Assert.Equal("['x\\'y']", request.Query["param_a"]);
        Assert.Equal("JSONEachRow", request.Query["default_format"]);
        Assert.Equal("runs", request.Query["database"]);
        Assert.Equal("Basic " + Convert.ToBase64String("ml:s3cret"u8.ToArray()), request.Authorization);
    }

    [Fact]
    public async Task Insert_Rows_PostsThemWithTheInsertStatementInTheUrl()
    {
        await using var store = await OpenAsync();

        await store.InsertAsync("spans", "JSONEachRow", "{\"a\":1}\n{\"a\":2}\n"u8.ToArray(), cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        var request = _requests[^1];
        Assert.Matches(@"^INSERT INTO spans\s+FORMAT JSONEachRow$", request.Query["query"]);
        Assert.Equal("{\"a\":1}\n{\"a\":2}\n", request.Body);
        Assert.Equal("runs", request.Query["database"]);
    }

    [Fact]
    public async Task Query_ServerRefuses_ThrowsClickHouseExceptionWithServerMessageAndSql()
    {
        await using var store = await OpenAsync();
        NextAnswer = (HttpStatusCode.NotFound, "Code: 60. DB::Exception: Unknown table expression identifier 'nope'. (UNKNOWN_TABLE)");

        var exception = await Assert.ThrowsAsync<ClickHouseException>(() => store.QueryAsync("SELECT * FROM nope", "TabSeparated", cancellationToken: Cancellation));

        Assert.Contains("UNKNOWN_TABLE", exception.Message, StringComparison.Ordinal);
        Assert.Contains("SELECT * FROM nope", exception.Message, StringComparison.Ordinal);
        Assert.Equal(60, exception.Code);
    }

    [Fact]
    public async Task Insert_ServerSendsOnlyTheExceptionCodeHeader_ExceptionCarriesThatCode()
    {
        await using var store = await OpenAsync();
        ExceptionCodeHeader = "27";
        NextAnswer = (HttpStatusCode.BadRequest, "");

        var exception = await Assert.ThrowsAsync<ClickHouseException>(() => store.InsertAsync("spans", "JSONEachRow", "garbage\n"u8.ToArray(), cancellationToken: Cancellation));

        Assert.Equal(27, exception.Code);
    }

    [Fact]
    public async Task Open_Unreachable_ExceptionHasNoCode()
    {
        var endpoint = ClickHouseServerEndpoint.Parse($"http://127.0.0.1:{FreePort()}/");

        var exception = await Assert.ThrowsAsync<ClickHouseException>(() => ClickHouseServerStore.OpenAsync(endpoint, "runs", Cancellation).WaitAsync(TestTimeouts.Default, Cancellation));

        Assert.Null(exception.Code);
    }

    [Fact]
    public async Task Insert_ClusterInsertSettings_SentWithEveryInsert()
    {
        var schema = Otel.Collector.ClickHouse.Schema.StorageSchema.OnCluster("prod", "runs");
        await using var store = await ClickHouseServerStore.OpenAsync(ClickHouseServerEndpoint.Parse($"http://127.0.0.1:{_port}/"), schema, Cancellation)
            .WaitAsync(TestTimeouts.Default, Cancellation);

        await store.InsertAsync("spans", "JSONEachRow", "{\"a\":1}\n"u8.ToArray(), "spool-1.0-1.9", Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        var request = _requests[^1];
        Assert.Equal("1", request.Query["distributed_foreground_insert"]);
        Assert.Equal("spool-1.0-1.9", request.Query["insert_deduplication_token"]);
    }

    [Theory]
    [InlineData(true, "0")]
    [InlineData(false, null)]
    public async Task Insert_DefersSkipIndexes_OnlyWhenTheServerHasTheSetting(bool serverKnowsIt, string? expected)
    {
        KnowsDeferSkipIndexes = serverKnowsIt;
        await using var store = await OpenAsync();

        await store.InsertAsync("spans", "JSONEachRow", "{\"a\":1}\n"u8.ToArray(), cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        var probe = _requests[1];
        Assert.Contains("name = {name:String}", probe.Body, StringComparison.Ordinal);
        Assert.Equal(InsertSettings.DeferSkipIndexes, probe.Query["param_name"]);
        Assert.Equal(expected, _requests[^1].Query[InsertSettings.DeferSkipIndexes]);
    }

    [Fact]
    public async Task Open_OnCluster_CreatesTheDatabaseOnEveryNode()
    {
        // The tables' DDL runs ON CLUSTER: a database made on the one node the collector talks to fails it on the others.
        var schema = Otel.Collector.ClickHouse.Schema.StorageSchema.OnCluster("prod", "runs");
        await using var store = await ClickHouseServerStore.OpenAsync(ClickHouseServerEndpoint.Parse($"http://127.0.0.1:{_port}/"), schema, Cancellation)
            .WaitAsync(TestTimeouts.Default, Cancellation);

        Assert.Equal("CREATE DATABASE IF NOT EXISTS `runs` ON CLUSTER prod", _requests[0].Body);
        Assert.Null(_requests[0].Query["database"]);
    }

    [Fact]
    public async Task Open_CreatesDatabaseWithoutNamingIt_AndDescriptionHidesPassword()
    {
        await using var store = await OpenAsync();

        var create = _requests[0];
        Assert.Equal("CREATE DATABASE IF NOT EXISTS `runs`", create.Body);
        Assert.Null(create.Query["database"]);
        Assert.Equal($"ClickHouse server http://ml@127.0.0.1:{_port}/, database runs", store.Description);
        Assert.DoesNotContain("s3cret", store.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ServerUnreachable_ThrowsClickHouseExceptionNamingServerWithoutPassword()
    {
        var endpoint = ClickHouseServerEndpoint.Parse($"http://ml:s3cret@127.0.0.1:{FreePort()}/");

        var exception = await Assert.ThrowsAsync<ClickHouseException>(() => ClickHouseServerStore.OpenAsync(endpoint, "runs", Cancellation).WaitAsync(TestTimeouts.Default, Cancellation));

        Assert.Contains("Could not reach the ClickHouse server at http://ml@127.0.0.1", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", exception.Message, StringComparison.Ordinal);
    }

    private async Task<IClickHouseStore> OpenAsync() =>
        await ClickHouseServerStore.OpenAsync(ClickHouseServerEndpoint.Parse($"http://ml:s3cret@127.0.0.1:{_port}/"), "runs", Cancellation)
            .WaitAsync(TestTimeouts.Default, Cancellation);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var input = context.Request.Headers["Content-Encoding"] == "gzip"
                ? new GZipStream(context.Request.InputStream, CompressionMode.Decompress)
                : context.Request.InputStream;
            using var reader = new StreamReader(input, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var query = HttpUtility.ParseQueryString(context.Request.Url!.Query);
            lock (_requests)
            {
                _requests.Add(new RecordedRequest(query, body, context.Request.Headers["Authorization"]));
            }

            var (status, answer) = body.StartsWith("CREATE DATABASE", StringComparison.Ordinal) ? (HttpStatusCode.OK, "")
                : body.Contains("FROM system.settings", StringComparison.Ordinal) ? (HttpStatusCode.OK, KnowsDeferSkipIndexes ? "1\n" : "0\n")
                : NextAnswer;
            context.Response.StatusCode = (int)status;
            if (status != HttpStatusCode.OK && ExceptionCodeHeader is { } code)
            {
                context.Response.Headers["X-ClickHouse-Exception-Code"] = code;
            }

            // A declared length, not chunked encoding: HttpListener could leave an empty chunked answer's "0" terminator
            // on the kept-alive connection, where the client read it as the next answer's status line.
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed record RecordedRequest(System.Collections.Specialized.NameValueCollection Query, string Body, string? Authorization);
}
