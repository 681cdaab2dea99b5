using Otel.Collector.ClickHouse;

namespace Otel.Collector.Tests.Infrastructure;

/// <summary>A test's store that drops its database when disposed, so shared servers do not fill up.</summary>
internal sealed class TemporaryDatabaseStore(IClickHouseStore inner) : IClickHouseStore
{
    public string Database => inner.Database;

    public string Description => inner.Description;

    public Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
        inner.ExecuteAsync(sql, parameters, cancellationToken);

    public Task<byte[]> QueryAsync(string sql, string format, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(sql, format, parameters, cancellationToken);

    public Task InsertAsync(string table, string format, ReadOnlyMemory<byte> rows, string? deduplicationToken = null, CancellationToken cancellationToken = default) =>
        inner.InsertAsync(table, format, rows, deduplicationToken, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await inner.ExecuteAsync($"DROP DATABASE IF EXISTS `{inner.Database}`").WaitAsync(TestTimeouts.Default);
        }
        catch (ClickHouseException)
        {
            // Best effort: the test's outcome is already decided.
        }
        catch (TimeoutException)
        {
        }

        await inner.DisposeAsync();
    }
}
