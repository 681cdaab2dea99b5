using System.Net;
using System.Net.Sockets;
using System.Text;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// Clear answers from the real program where lists and their flags used to fail quietly or unclearly (review findings 7,
/// 10, 13, 14, 16): long filters, cut lists, --columns, --order-by, --tree with --csv, an empty -o.
/// </summary>
public sealed class ListCheckProcessTests
{
    /// <summary>Nothing listens here: a command that sent a request would fail as unreachable (exit 3), not as misused (exit 2).</summary>
    private const string NoCollector = "http://127.0.0.1:9";

    [Fact]
    public async Task RunsList_FilterOverTheLimit_IsAUsageErrorBeforeAnyRequest()
    {
        using var temp = new TempDirectory();
        var filter = "params.p = '" + new string('x', 4096) + "'";

        var result = await CliProcess.RunAsync(temp.Path, ["runs", "list", "--filter", filter, "--endpoint", NoCollector]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal($"otel-track: --filter: {filter.Length} characters is more than the 4096 a filter may have; shorten it (docs/cli.md, Finding runs)", result.Stderr.Trim());
    }

    [Fact]
    public async Task RunsList_CollectorAnswers414_IsAUsageErrorNotUnreachable()
    {
        using var temp = new TempDirectory();
        // A collector with a smaller request-line limit (an older one: Kestrel's default 8 KB) answers 414 without JSON.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var answered = AnswerOnceAsync(listener, "HTTP/1.1 414 URI Too Long\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        var endpoint = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        var result = await CliProcess.RunAsync(temp.Path, ["runs", "list", "--filter", "params.p = 'x'", "--endpoint", endpoint]);
        await answered.WaitAsync(CliProcess.Timeout, TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal($"otel-track: the request is longer than the collector at {endpoint}/ takes (HTTP 414): shorten the filter, order-by or ids", result.Stderr.Trim());
    }

    private static async Task AnswerOnceAsync(TcpListener listener, string answer)
    {
        using var client = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        var buffer = new byte[65536];
        var received = new StringBuilder();
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ListFlags_AgainstARealCollector_CutListsSaySoAndBadFlagsSayWhy()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        await FindRunsProcessTests.SeedAsync(serve);

        // A filter of 4096 characters, each percent-encoded as 3 UTF-8 bytes (9 URL characters), reaches the collector.
        var longest = "params.lr = '" + new string('中', 4096 - "params.lr = ''".Length) + "'";
        var fits = await RunAsync("runs", "list", "--filter", longest, "--json");
        Assert.Equal((0, "[]"), (fits.ExitCode, fits.Stdout.Trim()));

        // Order-by fields each within the limit, but 73,000 URL characters together: past the collector's 64 KiB request line.
        var wide = "params.`" + new string('中', 4000) + "`";
        var tooLong = await RunAsync("runs", "list", "--order-by", wide, "--order-by", wide);
        Assert.True(tooLong.ExitCode == 2, tooLong.ToString());
        Assert.EndsWith("takes (HTTP 414): shorten the filter, order-by or ids", tooLong.Stderr.Trim(), StringComparison.Ordinal);

        // A cut list says so on stderr; stdout keeps its CSV or JSON.
        var cut = await RunAsync("runs", "list", "--experiment", "find", "--limit", "2", "--csv");
        Assert.Equal(0, cut.ExitCode);
        Assert.Equal(3, cut.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("showing the first 2 of 3 runs; use --limit or --filter", cut.Stderr.Trim());
        var whole = await RunAsync("runs", "list", "--experiment", "find", "--limit", "3", "--json");
        Assert.Equal((0, string.Empty), (whole.ExitCode, whole.Stderr));
        var board = await RunAsync("leaderboard", "find", "--metric", "acc", "--limit", "1", "--json");
        Assert.Equal((0, "showing the first 1 of 3 ranked runs; use --limit"), (board.ExitCode, board.Stderr.Trim()));

        await UsageErrorAsync("--columns: no metric named 'acx' in the listed runs (did you mean 'acc'?); metrics: acc",
            "runs", "list", "--experiment", "find", "--columns", "metrics.acx");
        await UsageErrorAsync("--columns: 'lr' is a param of the listed runs, not a metric: write params.lr",
            "runs", "list", "--experiment", "find", "--columns", "metrics.lr");
        await UsageErrorAsync("--columns: an empty column name (column 1 of ','): list names between commas, such as metrics.acc,params.lr",
            "runs", "list", "--experiment", "find", "--columns", ",");
        await UsageErrorAsync("--columns: no tag named 'ownr' in the listed runs (did you mean 'owner'?); tags: owner",
            "runs", "list", "--experiment", "find", "--columns", "tags.ownr");
        // Tags are columns when asked for, as in MLflow's search_runs: after the metrics and params, empty where unset.
        var tagged = (await RunAsync("runs", "list", "--experiment", "find", "--columns", "acc,tags.owner", "--order-by", "attributes.run_name", "--csv")).Stdout.Split("\r\n");
        Assert.Equal(["id,experiment,name,status,start_time,end_time,metrics.acc,tags.owner", "f1,find,alpha,FINISHED,2026-01-01T00:00:00.000Z,2026-01-01T00:00:30.000Z,0.9,"],
            tagged[..2]);
        Assert.EndsWith(",-1,bo", tagged[2], StringComparison.Ordinal);
        var table = await RunAsync("runs", "list", "--experiment", "find", "--columns", "tags.owner,acc", "--order-by", "attributes.run_name");
        Assert.Matches(@"(?m)^id +experiment +name +status +started +acc +tags\.owner$", table.Stdout);
        Assert.Matches(@"(?m)^f2 +find +beta .* -1 +bo$", table.Stdout);
        var once = await RunAsync("runs", "list", "--experiment", "find", "--columns", "acc,metrics.acc", "--csv");
        Assert.Equal("id,experiment,name,status,start_time,end_time,metrics.acc", once.Stdout.Split("\r\n")[0]);

        await UsageErrorAsync("--order-by: 'sideways' after metrics.acc: expected asc or desc (or another field, such as metrics.KEY)",
            "runs", "list", "--order-by", "metrics.acc", "sideways");
        await UsageErrorAsync("order-by: at character 13: expected ASC, DESC or the end after 'metrics.acc', got 'sideways'",
            "runs", "list", "--order-by", "metrics.acc sideways");
        await UsageErrorAsync("filter: at character 15: NaN and infinity are not filter values: compare with a finite number instead, such as metrics.x > -1e308",
            "runs", "list", "--filter", "metrics.acc > -inf");
        await UsageErrorAsync("--tree draws the table for reading; --json and --csv list runs flat (each run's parentId is in --json)",
            "runs", "list", "--tree", "--csv");
        await UsageErrorAsync("query parameter 'limit' must be a whole number from 1 to 100000; got '0'",
            "runs", "list", "--limit", "0");
        await UsageErrorAsync("--output is empty: name the HTML file to write, such as -o report.html",
            "report", "f1", "-o", "");

        async Task UsageErrorAsync(string message, params string[] args)
        {
            var result = await RunAsync(args);
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Equal("otel-track: " + message, result.Stderr.Trim());
        }

        Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(temp.Path, [.. args, "--endpoint", serve.Endpoint]);
    }
}
