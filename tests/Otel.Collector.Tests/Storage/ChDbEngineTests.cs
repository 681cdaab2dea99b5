using System.Text;
using Otel.Collector.ClickHouse;
using Otel.Collector.ClickHouse.ChDb;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Storage;

public sealed class ChDbEngineTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_DifferentDataPathInSameProcess_ThrowsNamingBothPaths()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("engine_paths", Cancellation);
        var other = Path.Combine(Path.GetTempPath(), "otel-track-another-data-path");

        var exception = Assert.Throws<InvalidOperationException>(() => ChDbEngine.Open(other, _ => throw new InvalidOperationException("must not locate"), Cancellation));

        Assert.Contains(TestDataDirectory.Path, exception.Message, StringComparison.Ordinal);
        Assert.Contains(other, exception.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(other));
    }

    [Fact]
    public async Task Open_SamePathSpelledDifferently_ReturnsTheRunningEngine()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("engine_same", Cancellation);

        var first = ChDbEngine.Open(TestDataDirectory.Path, Cancellation);
        var second = ChDbEngine.Open(TestDataDirectory.Path + "/./", Cancellation);

        Assert.Same(first, second);
    }

    [Fact]
    public async Task Stores_ManyConcurrentStatementsOnDifferentDatabases_EachRunsInItsOwnDatabase()
    {
        await using var first = await TestStores.CreateEmbeddedAsync("concurrent_a", Cancellation);
        await using var second = await TestStores.CreateEmbeddedAsync("concurrent_b", Cancellation);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            var store = i % 2 == 0 ? first : second;
            var output = await Task.Run(() => store.QueryAsync("SELECT currentDatabase()", "TabSeparated", cancellationToken: Cancellation), Cancellation);
            return (store.Database, Actual: Encoding.UTF8.GetString(output).TrimEnd());
        })).WaitAsync(TestTimeouts.Default, Cancellation);

        Assert.All(results, result => Assert.Equal(result.Database, result.Actual));
    }

    [Fact]
    public async Task DisposedStore_Query_ThrowsObjectDisposedAndEngineKeepsServingOthers()
    {
        await using var survivor = await TestStores.CreateEmbeddedAsync("survivor", Cancellation);
        var engine = ChDbEngine.Open(TestDataDirectory.Path, Cancellation);
        var disposed = await ChDbStore.OpenAsync(engine, TestStores.UniqueDatabase("disposed"), Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        await disposed.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => disposed.QueryAsync("SELECT 1", "TabSeparated", cancellationToken: Cancellation));
        var output = await survivor.QueryAsync("SELECT 1", "TabSeparated", cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        Assert.Equal("1\n", Encoding.UTF8.GetString(output));
    }

    [Fact]
    public async Task OpenStore_DatabaseNameNotAnIdentifier_ThrowsArgumentException()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("engine_names", Cancellation);
        var engine = ChDbEngine.Open(TestDataDirectory.Path, Cancellation);

        await Assert.ThrowsAsync<ArgumentException>(() => ChDbStore.OpenAsync(engine, "x`; DROP DATABASE default; --", Cancellation));
    }

    [Fact]
    public async Task Description_NamesDataPathAndDatabase()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("description", Cancellation);

        Assert.Equal($"embedded chDB at {TestDataDirectory.Path}, database {store.Database}", store.Description);
    }

    [Fact]
    public async Task Query_CancelledBeforeItRuns_ThrowsOperationCanceled()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("cancelled", Cancellation);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.QueryAsync("SELECT 1", "TabSeparated", cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task Insert_AfterStatementError_CurrentDatabaseIsRestored()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("after_error", Cancellation);

        await Assert.ThrowsAsync<ClickHouseException>(() => store.ExecuteAsync("USE no_such_database", cancellationToken: Cancellation));
        var output = await store.QueryAsync("SELECT currentDatabase()", "TabSeparated", cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        Assert.Equal(store.Database + "\n", Encoding.UTF8.GetString(output));
    }

    [Fact]
    public async Task Execute_OwnUseStatement_LaterStatementsStillRunInTheStoresDatabase()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("own_use", Cancellation);

        await store.ExecuteAsync("USE system", cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        var output = await store.QueryAsync("SELECT currentDatabase()", "TabSeparated", cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        Assert.Equal(store.Database + "\n", Encoding.UTF8.GetString(output));
    }
}
