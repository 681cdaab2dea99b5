using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Otel.Collector.ClickHouse.ChDb;

/// <summary>
/// The process's one chDB instance. chDB allows a single data path per process (a connection to a
/// second path fails until every connection to the first is closed), and rebooting it within a
/// process is harmful, so the engine is opened once and closed only at process exit: stores come
/// and go, it stays. A connection is single-threaded, so the engine keeps a few connections to the same
/// path and runs each statement on a free one: an insert and a query, or the inserts of several tables,
/// run side by side instead of waiting for each other (chDB runs statements of different connections
/// concurrently; <c>ChDbConcurrencyTests</c> shows it).
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "Lives for the whole process by design; see the summary.")]
internal sealed class ChDbEngine
{
    /// <summary>
    /// Statements in flight at once. The shipper inserts a group's tables together (up to about six) and the
    /// query API reads beside it; more would only queue on two cores' worth of work.
    /// </summary>
    public const int Connections = 4;

    private static readonly Lock OpenLock = new();
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(5);
    private static ChDbEngine? s_instance;

    private readonly BlockingCollection<Statement> _queue = [];
    private readonly Session[] _sessions;
    private readonly Thread[] _threads;
    private volatile bool _shutDown;

    private ChDbEngine(string dataPath, string libraryPath, ChDbConnection[] connections)
    {
        DataPath = dataPath;
        LibraryPath = libraryPath;
        _sessions = connections.Select(c => new Session(c)).ToArray();

        // A statement blocks its thread inside chDB for as long as it runs (an insert of a large group, a long
        // query): dedicated threads keep that off the thread pool, which serves requests meanwhile.
        _threads = _sessions.Select((session, i) => new Thread(() => Serve(session)) { IsBackground = true, Name = $"chDB connection {i}" }).ToArray();
        foreach (var thread in _threads)
        {
            thread.Start();
        }
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
            var engine = new ChDbEngine(fullPath, libraryPath, Enumerable.Range(0, Connections).Select(_ => ChDbConnection.Open(native, fullPath)).ToArray());
            AppDomain.CurrentDomain.ProcessExit += (_, _) => engine.ShutDownAtExit();
            s_instance = engine;
            return engine;
        }
    }

    /// <summary>Runs a statement with <paramref name="database"/> as the current database (when given).</summary>
    public Task<byte[]> RunAsync(string? database, string sql, string format, IReadOnlyDictionary<string, string>? parameters, CancellationToken cancellationToken) =>
        RunAsync(database, Encoding.UTF8.GetBytes(sql), format, parameters, cancellationToken);

    public Task<byte[]> RunAsync(string? database, ReadOnlyMemory<byte> sql, string format, IReadOnlyDictionary<string, string>? parameters, CancellationToken cancellationToken) =>
        OnFreeConnectionAsync(database, session =>
        {
            var output = session.Connection.Run(sql.Span, format, parameters);
            if (IsUseStatement(sql.Span))
            {
                session.CurrentDatabase = null;
            }

            return output;
        }, cancellationToken);

    /// <summary>
    /// Streams <paramref name="rows"/> into <paramref name="insert"/> (an INSERT without FORMAT clause or data) with
    /// <paramref name="database"/> current.
    /// </summary>
    public Task InsertAsync(string database, string insert, string format, ReadOnlyMemory<byte> rows, CancellationToken cancellationToken) =>
        OnFreeConnectionAsync(database, session =>
        {
            session.Connection.Insert(Encoding.UTF8.GetBytes(insert), format, rows.Span);
            return true;
        }, cancellationToken);

    private Task<T> OnFreeConnectionAsync<T>(string? database, Func<Session, T> body, CancellationToken cancellationToken)
    {
        var statement = new Statement<T>(database, body, cancellationToken);
        try
        {
            _queue.Add(statement, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            return Task.FromException<T>(ShutDownException());
        }

        return statement.Task;
    }

    /// <summary>The loop of one connection's thread: the next queued statement, run on this connection.</summary>
    private void Serve(Session session)
    {
        foreach (var statement in _queue.GetConsumingEnumerable())
        {
            if (_shutDown)
            {
                statement.Fail(ShutDownException());
                continue;
            }

            statement.Run(session);
        }
    }

    private static ClickHouseException ShutDownException() => new("The embedded ClickHouse engine has shut down because the process is exiting.");

    /// <summary>
    /// Stops chDB before the process's native teardown. Waits briefly for running statements;
    /// when one is still running, leaves the engine alone rather than pull it from under it.
    /// </summary>
    private void ShutDownAtExit()
    {
        _shutDown = true;
        _queue.CompleteAdding();
        var deadline = Environment.TickCount64 + (long)ShutdownWait.TotalMilliseconds;
        if (_threads.All(thread => thread.Join(TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64)))))
        {
            foreach (var session in _sessions.Skip(1))
            {
                session.Connection.Close();
            }

            _sessions[0].Connection.CloseAndShutDown();
        }
    }

    /// <summary>A caller's own <c>USE</c> moves the connection away from the database this engine tracks.</summary>
    private static bool IsUseStatement(ReadOnlySpan<byte> sql)
    {
        sql = sql.TrimStart(" \t\r\n"u8);
        return sql.Length > 3 && Ascii.EqualsIgnoreCase(sql[..3], "USE"u8) && sql[3] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
    }

    /// <summary>A statement waiting for a connection, and its caller's task.</summary>
    private abstract class Statement
    {
        public abstract void Run(Session session);

        public abstract void Fail(Exception exception);
    }

    private sealed class Statement<T>(string? database, Func<Session, T> body, CancellationToken cancellationToken) : Statement
    {
        // Continuations never run on the connection's thread, which has the next statement to run.
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _completion.Task;

        public override void Run(Session session)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                _completion.TrySetCanceled(cancellationToken);
                return;
            }

            try
            {
                session.Use(database);
                _completion.TrySetResult(body(session));
            }
            catch (ClickHouseException exception)
            {
                // A failed statement may have been a DROP or USE; ask again next time.
                session.CurrentDatabase = null;
                _completion.TrySetException(exception);
            }
            catch (Exception exception)
            {
                _completion.TrySetException(exception);
            }
        }

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }

    /// <summary>One connection and the database it is known to have current.</summary>
    private sealed class Session(ChDbConnection connection)
    {
        public ChDbConnection Connection { get; } = connection;

        public string? CurrentDatabase { get; set; }

        public void Use(string? database)
        {
            if (database is null || database == CurrentDatabase)
            {
                return;
            }

            CurrentDatabase = null;
            Connection.Run(Encoding.UTF8.GetBytes($"USE `{SqlIdentifier.Require(database, "database")}`"), "TabSeparated", null);
            CurrentDatabase = database;
        }
    }
}
