using System.Text.RegularExpressions;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary><c>otel-track serve --sql-port</c>: the read-only ClickHouse HTTP endpoint for Grafana over the embedded store, as users start it.</summary>
public sealed partial class SqlEndpointProcessTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_SqlPortZero_StartLineNamesTheEndpointThatAnswersReadsAndRefusesWrites()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"), "--sql-port", "0", "--sql-max-execution-time", "5");
        var endpoint = await Eventually.UntilAsync(
            () => Task.FromResult(SqlLine().Match(serve.Stderr)), m => m.Success, _ => "no SQL endpoint line in: " + serve.Stderr, CliProcess.Timeout);
        using var http = new HttpClient { BaseAddress = new Uri(endpoint.Groups[1].Value), Timeout = CliProcess.Timeout };

        Assert.Equal("Ok.\n", await http.GetStringAsync("/ping", Cancel));
        using var read = await http.PostAsync("/?database=otel&default_format=TSV", new StringContent("SELECT count() >= 0, getSetting('max_execution_time') FROM ml_runs"), Cancel);
        Assert.Equal("1\t5\n", await read.Content.ReadAsStringAsync(Cancel));
        using var write = await http.PostAsync("/", new StringContent("DROP TABLE ml_runs"), Cancel);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, write.StatusCode);
        Assert.StartsWith("Code: 164.", await write.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadSqlFlags_ExitUsageNamingEachFlag()
    {
        using var temp = new TempDirectory();

        var bad = await CliProcess.RunAsync(temp.Path, "serve", "--data", temp.Combine("data"), "--grpc-port", "0", "--http-port", "0",
            "--sql-port", "70000", "--sql-max-execution-time", "0", "--sql-max-result-rows", "0", "--sql-max-concurrent-queries", "0");

        Assert.Equal(2, bad.ExitCode);
        foreach (var flag in new[] { "--sql-port 70000", "--sql-max-execution-time", "--sql-max-result-rows", "--sql-max-concurrent-queries" })
        {
            Assert.Contains(flag, bad.Stderr, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"read-only ClickHouse SQL over HTTP at (http://\S+)")]
    private static partial Regex SqlLine();
}
