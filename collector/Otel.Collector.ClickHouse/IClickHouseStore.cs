namespace Otel.Collector.ClickHouse;

/// <summary>
/// One ClickHouse database, reached either through embedded chDB or a server over HTTP.
/// Same SQL dialect on both paths. Values never enter SQL text: they travel as
/// <c>{name:Type}</c> query parameters.
/// </summary>
internal interface IClickHouseStore : IAsyncDisposable
{
    /// <summary>The database every unqualified table name refers to.</summary>
    string Database { get; }

    /// <summary>Human description for logs and errors, never containing credentials.</summary>
    string Description { get; }

    /// <summary>Runs a statement that returns nothing (DDL, INSERT … SELECT, …).</summary>
    Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a query and returns its output in <paramref name="format"/> (for example JSONEachRow) as UTF-8 bytes.</summary>
    Task<byte[]> QueryAsync(string sql, string format, QueryParameters? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts rows already encoded in <paramref name="format"/> (for example JSONEachRow) into <paramref name="table"/>.
    /// With a <paramref name="deduplicationToken"/> (see <see cref="DeduplicationToken"/>) a repeat of the same insert
    /// is dropped by ClickHouse (tables need <c>non_replicated_deduplication_window</c>): replays are idempotent.
    /// </summary>
    Task InsertAsync(string table, string format, ReadOnlyMemory<byte> rows, string? deduplicationToken = null, CancellationToken cancellationToken = default);
}
