using System.Text;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Storage;

/// <summary>Inserts leave skip indexes to merges (InsertSettings.DeferSkipIndexes); queries answer the same either way.</summary>
public sealed class SkipIndexDeferralTests
{
    private const string SpansTable =
        "CREATE TABLE spans (TraceId String, Duration UInt64, " +
        "INDEX idx_trace_id TraceId TYPE bloom_filter(0.001) GRANULARITY 1, INDEX idx_duration Duration TYPE minmax GRANULARITY 1) " +
        "ENGINE = MergeTree ORDER BY Duration";

    private const string IndexBytesSql =
        "SELECT sum(secondary_indices_compressed_bytes) FROM system.parts WHERE database = currentDatabase() AND table = 'spans' AND active";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Insert_TableWithSkipIndexes_PartsHaveNoIndexUntilMerged_AndLookupsAnswerAlike()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("skip_index_deferral", Cancellation);
        await store.ExecuteAsync(SpansTable, cancellationToken: Cancellation);
        await store.InsertAsync("spans", "JSONEachRow", "{\"TraceId\":\"a1\",\"Duration\":5}\n{\"TraceId\":\"b2\",\"Duration\":9}\n"u8.ToArray(), cancellationToken: Cancellation);
        await store.InsertAsync("spans", "JSONEachRow", "{\"TraceId\":\"c3\",\"Duration\":7}\n"u8.ToArray(), cancellationToken: Cancellation);

        var before = await Text(IndexBytesSql);
        var lookupBefore = await Text("SELECT Duration FROM spans WHERE TraceId = 'c3'");
        await store.ExecuteAsync("OPTIMIZE TABLE spans FINAL", cancellationToken: Cancellation);
        var after = await Text(IndexBytesSql);
        var lookupAfter = await Text("SELECT Duration FROM spans WHERE TraceId = 'c3'");

        Assert.Equal("0", before);
        Assert.True(long.Parse(after, System.Globalization.CultureInfo.InvariantCulture) > 0, $"the merge builds the skip indexes; index bytes {after}");
        Assert.Equal("7", lookupBefore);
        Assert.Equal("7", lookupAfter);

        async Task<string> Text(string sql) =>
            Encoding.UTF8.GetString(await store.QueryAsync(sql, "TabSeparated", cancellationToken: Cancellation)).Trim();
    }
}
