using Otel.Collector.ClickHouse;

namespace Otel.Collector.Tests.Pipeline;

/// <summary>A hand-written store whose inserts wait until the test opens the gate, and which records what it got.</summary>
internal sealed class GatedStore : IClickHouseStore
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstInsert = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Table, string Rows)> _inserts = [];

    public string Database => "gated";

    public string Description => "gated test store";

    public Exception? FailWith { get; set; }

    /// <summary>Completes when the writer has started its first insert (and is now blocked on the gate).</summary>
    public Task FirstInsertStarted => _firstInsert.Task;

    public IReadOnlyList<(string Table, string Rows)> Inserts
    {
        get
        {
            lock (_inserts)
            {
                return [.. _inserts];
            }
        }
    }

    public void Open() => _gate.TrySetResult();

    public async Task InsertAsync(string table, string format, ReadOnlyMemory<byte> rows, CancellationToken cancellationToken = default)
    {
        _firstInsert.TrySetResult();
        await _gate.Task.WaitAsync(cancellationToken);
        if (FailWith is not null)
        {
            throw FailWith;
        }

        lock (_inserts)
        {
            _inserts.Add((table, System.Text.Encoding.UTF8.GetString(rows.Span)));
        }
    }

    public Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<byte[]> QueryAsync(string sql, string format, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(Array.Empty<byte>());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
