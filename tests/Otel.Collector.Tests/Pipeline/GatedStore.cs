using Otel.Collector.ClickHouse;

namespace Otel.Collector.Tests.Pipeline;

/// <summary>
/// A hand-written store whose inserts wait until the test opens the gate, and which records what it got.
/// <see cref="FailWith"/> makes it a store that is down (inserts and queries fail); <see cref="RefuseInserts"/>
/// one that answers queries but refuses the data.
/// </summary>
internal sealed class GatedStore : IClickHouseStore
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstInsert = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Table, string Rows, string? Token)> _inserts = [];
    private int _attempts;

    public string Database => "gated";

    public string Description => "gated test store";

    public Exception? FailWith { get; set; }

    public bool RefuseInserts { get; set; }

    /// <summary>What refused inserts fail with; by default a ClickHouse parse error (the data can never go in).</summary>
    public string RefusalMessage { get; set; } = "Code: 27. DB::Exception: Cannot parse input: CANNOT_PARSE_INPUT_ASSERTION_FAILED";

    /// <summary>Inserts tried so far, refused or not.</summary>
    public int InsertAttempts => Volatile.Read(ref _attempts);

    /// <summary>Completes when the writer has started its first insert (and is now blocked on the gate).</summary>
    public Task FirstInsertStarted => _firstInsert.Task;

    public IReadOnlyList<(string Table, string Rows, string? Token)> Inserts
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

    public async Task InsertAsync(string table, string format, ReadOnlyMemory<byte> rows, string? deduplicationToken = null, CancellationToken cancellationToken = default)
    {
        _firstInsert.TrySetResult();
        await _gate.Task.WaitAsync(cancellationToken);
        Interlocked.Increment(ref _attempts);
        if (FailWith is { } failure)
        {
            throw failure;
        }

        if (RefuseInserts)
        {
            // Coded as the real stores code it, from the engine's message.
            throw new ClickHouseException(RefusalMessage, ClickHouseErrorCode.FromMessage(RefusalMessage));
        }

        lock (_inserts)
        {
            _inserts.Add((table, System.Text.Encoding.UTF8.GetString(rows.Span), deduplicationToken));
        }
    }

    public Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
        FailWith is { } failure ? Task.FromException(failure) : Task.CompletedTask;

    public Task<byte[]> QueryAsync(string sql, string format, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
        FailWith is { } failure ? Task.FromException<byte[]>(failure) : Task.FromResult(Array.Empty<byte>());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
