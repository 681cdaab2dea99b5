using System.Net;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.SqlEndpoint;

/// <summary>Every query is bounded in rows, bytes, time and concurrency; callers may lower the bounds, never raise them.</summary>
public sealed class SqlEndpointLimitTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Query_LimitsSmallAndCallerAsksForMore_EachLimitHolds()
    {
        await using var sql = await SqlEndpointCollector.StartAsync(nameof(Query_LimitsSmallAndCallerAsksForMore_EachLimitHolds), o =>
        {
            o.MaxResultRows = 10;
            o.MaxResultBytes = 4096;
            o.MaxExecutionTime = TimeSpan.FromSeconds(1);
        });

        await AssertRefusedAsync(sql, "SELECT number FROM numbers(100) SETTINGS max_result_rows = 1000", "max_result_rows=1000", 396);
        await AssertRefusedAsync(sql, "SELECT number FROM numbers(100)", "max_result_rows=0", 396);
        await AssertRefusedAsync(sql, "SELECT repeat('x', 3000) AS a, repeat('y', 3000) AS b", "default_format=JSON", 396);
        await AssertRefusedAsync(sql, "SELECT sleep(2) SETTINGS max_execution_time = 100", string.Empty, 159);
        Assert.Equal("3\n", await sql.QueryTextAsync("SELECT count() FROM (SELECT number FROM numbers(3))", "max_result_rows=5"));
        Assert.Equal("1\t5\n", await sql.QueryTextAsync("SELECT getSetting('readonly'), getSetting('max_result_rows')", "max_result_rows=5"));
    }

    [Fact]
    public async Task Query_MoreThanConcurrentAllowed_RefusedWithRetryAfter()
    {
        await using var sql = await SqlEndpointCollector.StartAsync(nameof(Query_MoreThanConcurrentAllowed_RefusedWithRetryAfter), o => o.MaxConcurrentQueries = 1);

        var slow = sql.PostAsync("SELECT sleep(2.5)");
        var refused = await Eventually.UntilAsync(
            async () =>
            {
                using var response = await sql.PostAsync("SELECT 1");
                return (response.StatusCode, Code: response.Headers.TryGetValues("X-ClickHouse-Exception-Code", out var codes) ? codes.Single() : null,
                    RetryAfter: response.Headers.RetryAfter?.Delta);
            },
            r => r.StatusCode == HttpStatusCode.ServiceUnavailable || slow.IsCompleted,
            r => "never refused: " + r,
            TestTimeouts.Default);
        using var first = await slow;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "202", TimeSpan.FromSeconds(1)), refused);
        Assert.Equal("1\n", await sql.QueryTextAsync("SELECT 1"));
    }

    private static async Task AssertRefusedAsync(SqlEndpointCollector sql, string query, string parameters, int code)
    {
        using var response = await sql.PostAsync(query, parameters);
        var body = await response.Content.ReadAsStringAsync(Cancel);

        Assert.False(response.IsSuccessStatusCode, $"{query}: answered {body}");
        Assert.StartsWith($"Code: {code}.", body, StringComparison.Ordinal);
    }
}
