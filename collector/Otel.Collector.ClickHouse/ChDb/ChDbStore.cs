using System.Text;

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

    /// <summary>
    /// Binary inserts reuse one file, rewritten in place: a new file per insert showed up under a sustained load
    /// as about 7 % of the collector's CPU samples in ext4 inode allocation (perf), since /tmp churns inodes.
    /// </summary>
    private readonly string _insertFile = Path.Combine(Path.GetTempPath(), $"otel-track-insert-{Environment.ProcessId}-{Guid.NewGuid():N}.bin");
    private readonly SemaphoreSlim _insertFileLock = new(1, 1);
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

    public async Task InsertAsync(string table, string format, ReadOnlyMemory<byte> rows, string? deduplicationToken = null, CancellationToken cancellationToken = default)
    {
        SqlIdentifier.Require(table, nameof(table));
        SqlIdentifier.Require(format, nameof(format));
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (rows.IsEmpty)
        {
            return;
        }

        var settings = InsertSettings.Clause(format, deduplicationToken);
        if (InsertFormats.IsBinary(format))
        {
            await InsertFromFileAsync(table, format, settings, rows, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Text formats go inline after the FORMAT clause, in the statement's own bytes.
        var header = Encoding.UTF8.GetBytes($"INSERT INTO `{table}`{settings} FORMAT {format}\n");
        var statement = new byte[header.Length + rows.Length];
        header.CopyTo(statement, 0);
        rows.Span.CopyTo(statement.AsSpan(header.Length));
        await _engine.RunAsync(Database, statement, DiscardedFormat, null, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _insertFileLock.WaitAsync().ConfigureAwait(false);
        try
        {
            File.Delete(_insertFile);
        }
        finally
        {
            _insertFileLock.Release();
        }
    }

    /// <summary>Binary rows inline in the statement fail after a few thousand rows in chDB, so they go through a file.</summary>
    private static FileStreamOptions InsertFileOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private void TruncateInsertFile()
    {
        try
        {
            if (File.Exists(_insertFile))
            {
                using var file = new FileStream(_insertFile, FileMode.Truncate, FileAccess.Write);
            }
        }
        catch (IOException)
        {
            // The next insert overwrites it anyway.
        }
    }

    private async Task InsertFromFileAsync(string table, string format, string settings, ReadOnlyMemory<byte> rows, CancellationToken cancellationToken)
    {
        await _insertFileLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // Readable by this user only: the rows are the users' telemetry.
            await using (var file = new FileStream(_insertFile, InsertFileOptions()))
            {
                await file.WriteAsync(rows, cancellationToken).ConfigureAwait(false);
            }

            var quotedPath = _insertFile.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
            await _engine.RunAsync(Database, $"INSERT INTO `{table}` FROM INFILE '{quotedPath}'{settings} FORMAT {format}", DiscardedFormat, null, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            // Emptied at once, so the rows do not outlive the insert in the temporary directory.
            TruncateInsertFile();
            _insertFileLock.Release();
        }
    }
}
