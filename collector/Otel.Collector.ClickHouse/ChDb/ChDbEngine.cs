using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Otel.Collector.ClickHouse.ChDb;

/// <summary>
/// The process's one chDB instance. chDB allows a single data path per process (a connection to a
/// second path fails until every connection to the first is closed), and rebooting it within a
/// process is harmful, so the engine is opened once and closed only at process exit: stores come
/// and go, it stays. Every statement runs under one lock because a connection is single-threaded.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "Lives for the whole process by design; see the summary.")]
internal sealed class ChDbEngine
{
    private static readonly Lock OpenLock = new();
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(5);
    private static ChDbEngine? s_instance;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ChDbConnection _connection;
    private string? _currentDatabase;
    private bool _shutDown;

    private ChDbEngine(string dataPath, string libraryPath, ChDbConnection connection)
    {
        DataPath = dataPath;
        LibraryPath = libraryPath;
        _connection = connection;
    }

    /// <summary>The absolute data directory the engine was booted on.</summary>
    public string DataPath { get; }

    public string LibraryPath { get; }

    /// <summary>Opens the engine on <paramref name="dataPath"/>, locating or fetching chDB first; returns the running one when already open on that path.</summary>
    /// <exception cref="InvalidOperationException">The engine already runs on another data path in this process.</exception>
    /// <exception cref="ChDbUnavailableException">chDB could not be found, fetched or loaded.</exception>
    public static ChDbEngine Open(string dataPath, CancellationToken cancellationToken = default) =>
        Open(dataPath, ChDbLibraryLocator.CreateDefault().Locate, cancellationToken);

    public static ChDbEngine Open(string dataPath, Func<CancellationToken, string> locateLibrary, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataPath));
        lock (OpenLock)
        {
            if (s_instance is { } running)
            {
                return running.DataPath == fullPath
                    ? running
                    : throw new InvalidOperationException(
                        $"The embedded ClickHouse engine already runs on {running.DataPath} in this process and cannot also open " +
                        $"{fullPath}: chDB supports one data directory per process. Use one data path, or separate processes.");
            }

            var libraryPath = locateLibrary(cancellationToken);
            var native = ChDbNative.Load(libraryPath);
            Directory.CreateDirectory(fullPath);
            var engine = new ChDbEngine(fullPath, libraryPath, ChDbConnection.Open(native, fullPath));
            AppDomain.CurrentDomain.ProcessExit += (_, _) => engine.ShutDownAtExit();
            s_instance = engine;
            return engine;
        }
    }

    /// <summary>Runs a statement with <paramref name="database"/> as the current database (when given).</summary>
    public Task<byte[]> RunAsync(string? database, string sql, string format, IReadOnlyDictionary<string, string>? parameters, CancellationToken cancellationToken) =>
        RunAsync(database, Encoding.UTF8.GetBytes(sql), format, parameters, cancellationToken);

    public Task<byte[]> RunAsync(string? database, ReadOnlyMemory<byte> sql, string format, IReadOnlyDictionary<string, string>? parameters, CancellationToken cancellationToken) =>
        UnderGateAsync(database, () =>
        {
            var output = _connection.Run(sql.Span, format, parameters);
            if (IsUseStatement(sql.Span))
            {
                _currentDatabase = null;
            }

            return output;
        }, cancellationToken);

    /// <summary>
    /// Streams <paramref name="rows"/> into <paramref name="insert"/> (an INSERT without FORMAT clause or data) with
    /// <paramref name="database"/> current. The connection runs nothing else meanwhile, so queries wait for it.
    /// </summary>
    public Task InsertAsync(string database, string insert, string format, ReadOnlyMemory<byte> rows, CancellationToken cancellationToken) =>
        UnderGateAsync(database, () =>
        {
            _connection.Insert(Encoding.UTF8.GetBytes(insert), format, rows.Span);
            return true;
        }, cancellationToken);

    private async Task<T> UnderGateAsync<T>(string? database, Func<T> statement, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_shutDown)
            {
                throw new ClickHouseException("The embedded ClickHouse engine has shut down because the process is exiting.");
            }

            UseDatabase(database);

            // The native call runs on this thread: chDB hands it to its own query thread and
            // blocks, so moving it to another pool thread would only add a switch.
            return statement();
        }
        catch (ClickHouseException)
        {
            // A failed statement may have been a DROP or USE; ask again next time.
            _currentDatabase = null;
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops chDB before the process's native teardown. Waits briefly for a running statement;
    /// when one is still running, leaves the engine alone rather than pull it from under it.
    /// </summary>
    private void ShutDownAtExit()
    {
        if (_gate.Wait(ShutdownWait))
        {
            try
            {
                _shutDown = true;
                _connection.CloseAndShutDown();
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>A caller's own <c>USE</c> moves the connection away from the database this engine tracks.</summary>
    private static bool IsUseStatement(ReadOnlySpan<byte> sql)
    {
        sql = sql.TrimStart(" \t\r\n"u8);
        return sql.Length > 3 && Ascii.EqualsIgnoreCase(sql[..3], "USE"u8) && sql[3] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
    }

    private void UseDatabase(string? database)
    {
        if (database is null || database == _currentDatabase)
        {
            return;
        }

        _currentDatabase = null;
        _connection.Run(Encoding.UTF8.GetBytes($"USE `{SqlIdentifier.Require(database, "database")}`"), "TabSeparated", null);
        _currentDatabase = database;
    }
}
