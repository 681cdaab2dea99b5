namespace Otel.Collector.ClickHouse.ChDb;

/// <summary>
/// One database on the process's <see cref="ChDbEngine"/>. The engine makes this store's database
/// current before each statement, so unqualified table names mean this database even when other
/// stores share the engine. Disposing the store leaves the engine running.
/// </summary>
internal sealed class ChDbStore : IClickHouseStore
{
    /// <summary>Output format for statements whose output is discarded.</summary>
    private const string DiscardedFormat = "TabSeparated";

    private readonly ChDbEngine _engine;
    private volatile bool _disposed;

    private ChDbStore(ChDbEngine engine, string database)
    {
        _engine = engine;
        Database = database;
    }

    public string Database { get; }

    public string Description => $"embedded chDB at {_engine.DataPath}, database {Database}";

    /// <summary>Opens <paramref name="database"/> on <paramref name="engine"/>, creating it when missing.</summary>
    public static async Task<ChDbStore> OpenAsync(ChDbEngine engine, string database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        SqlIdentifier.Require(database, nameof(database));
        await engine.RunAsync(null, $"CREATE DATABASE IF NOT EXISTS `{database}`", DiscardedFormat, null, cancellationToken).ConfigureAwait(false);
        return new ChDbStore(engine, database);
    }

    public async Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _engine.RunAsync(Database, sql, DiscardedFormat, parameters?.Values, cancellationToken).ConfigureAwait(false);
    }

    public Task<byte[]> QueryAsync(string sql, string format, QueryParameters? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        SqlIdentifier.Require(format, nameof(format));
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _engine.RunAsync(Database, sql, format, parameters?.Values, cancellationToken);
    }

    /// <summary>
    /// Every format goes through chDB's streaming insert: the rows are copied straight into the engine, with no
    /// temporary file (binary rows inline in a statement fail after a few thousand rows in chDB) and no copy of the
    /// rows behind a statement header. The settings (deduplication token, …) travel in the statement's SETTINGS clause.
    /// </summary>
    public Task InsertAsync(string table, string format, ReadOnlyMemory<byte> rows, string? deduplicationToken = null, CancellationToken cancellationToken = default)
    {
        SqlIdentifier.Require(table, nameof(table));
        SqlIdentifier.Require(format, nameof(format));
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (rows.IsEmpty)
        {
            return Task.CompletedTask;
        }

        // The embedded engine's version is pinned, and it has the setting.
        var insert = $"INSERT INTO `{table}`{InsertSettings.Clause(format, deduplicationToken, deferSkipIndexes: true)}";
        return _engine.InsertAsync(Database, insert, format, rows, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }
}
