using System.Text;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Storage;

/// <summary>
/// The embedded engine runs statements on several connections at once: a long statement does not hold back the
/// others, and inserts and queries issued together from many callers all arrive, each exactly once.
/// </summary>
public sealed class ChDbConcurrencyTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Query_WhileALongStatementRuns_AnswersBeforeIt()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("concurrent_long", Cancellation);

        // About 3 s of sleeping in one statement (chDB's limit per block), on one connection.
        var longStatement = store.QueryAsync("SELECT count() FROM numbers(30) WHERE NOT ignore(sleepEachRow(0.1)) SETTINGS max_block_size = 30", "TabSeparated", cancellationToken: Cancellation);

        var quick = await store.QueryAsync("SELECT 41 + 1", "TabSeparated", cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        Assert.Equal("42\n", Encoding.UTF8.GetString(quick));
        Assert.False(longStatement.IsCompleted, "the quick query waited for the long statement");
        Assert.Equal("30\n", Encoding.UTF8.GetString(await longStatement.WaitAsync(TestTimeouts.Default, Cancellation)));
    }

    [Fact]
    public async Task InsertsAndQueries_FromManyCallersAtOnce_AllRowsArriveOnce()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("concurrent_mixed", Cancellation);
        string[] tables = ["a", "b", "c"];
        foreach (var table in tables)
        {
            await store.ExecuteAsync($"CREATE TABLE {table} (n UInt64) ENGINE = MergeTree ORDER BY n SETTINGS non_replicated_deduplication_window = 1000", cancellationToken: Cancellation);
        }

        // Every insert is sent again with its token once it is stored, as a replay would: each must count once.
        var work = new List<Task>();
        for (var i = 0; i < 40; i++)
        {
            var rows = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(i * 1000, 1000).Select(n => $"{{\"n\":{n}}}\n")));
            foreach (var table in tables)
            {
                var token = $"t-{i}";
                work.Add(InsertTwiceAsync(table, rows, token));
            }

            work.Add(store.QueryAsync("SELECT count() FROM a", "TabSeparated", cancellationToken: Cancellation));
        }

        await Task.WhenAll(work).WaitAsync(TestTimeouts.Default, Cancellation);

        foreach (var table in tables)
        {
            var output = await store.QueryAsync($"SELECT count(), uniqExact(n), sum(n) FROM {table}", "TabSeparated", cancellationToken: Cancellation);
            Assert.Equal("40000\t40000\t799980000\n", Encoding.UTF8.GetString(output));
        }

        async Task InsertTwiceAsync(string table, byte[] rows, string token)
        {
            await store.InsertAsync(table, "JSONEachRow", rows, token, Cancellation);
            await store.InsertAsync(table, "JSONEachRow", rows, token, Cancellation);
        }
    }
}
