namespace Otel.Collector.ClickHouse;

/// <summary>
/// A ClickHouse server that could not be reached when the collector started: the collector serves anyway (its
/// spool takes what arrives) while this store keeps trying to open, and migrate, the real one with backoff. Until
/// then every call fails as an unreachable server does, which the export pipeline treats as an outage.
/// </summary>
internal sealed class DeferredStore : IClickHouseStore
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly Func<CancellationToken, Task<IClickHouseStore>> _open;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _opening;
    private volatile IClickHouseStore? _inner;
    private volatile string _lastError;

    public DeferredStore(string description, string database, Exception firstError, Func<CancellationToken, Task<IClickHouseStore>> open, TimeProvider time, TimeSpan firstRetryDelay)
    {
        Description = description;
        Database = database;
        _open = open;
        _time = time;
        _lastError = firstError.Message;
        _opening = Task.Run(() => OpenLoopAsync(firstRetryDelay));
    }

    public string Database { get; }

    public string Description { get; }

    /// <summary>True once the real store is open and migrated.</summary>
    public bool IsOpen => _inner is not null;

    /// <summary>Completes when the real store is open (or the collector stops first).</summary>
    public Task Opened => _opening;

    public Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
        Current().ExecuteAsync(sql, parameters, cancellationToken);

    public Task<byte[]> QueryAsync(string sql, string format, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
        Current().QueryAsync(sql, format, parameters, cancellationToken);

    public Task InsertAsync(string table, string format, ReadOnlyMemory<byte> rows, string? deduplicationToken = null, CancellationToken cancellationToken = default) =>
        Current().InsertAsync(table, format, rows, deduplicationToken, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _opening;
        if (_inner is { } inner)
        {
            await inner.DisposeAsync();
        }

        _stop.Dispose();
    }

    private IClickHouseStore Current() =>
        _inner ?? throw new ClickHouseException($"{Description} is not reachable yet ({_lastError}); accepted data waits in the spool and is stored once it is");

    private async Task OpenLoopAsync(TimeSpan delay)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, _time, _stop.Token);
                _inner = await _open(_stop.Token);
                return;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is ClickHouseException or HttpRequestException or TimeoutException or IOException or Migrations.MigrationException)
            {
                _lastError = ex.Message;
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }
}
