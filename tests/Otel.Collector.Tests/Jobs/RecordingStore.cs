using Otel.Collector.ClickHouse;

namespace Otel.Collector.Tests.Jobs;

/// <summary>A real store that remembers every statement and insert it passed on, to show which path a write took.</summary>
internal sealed class RecordingStore(IClickHouseStore inner) : IClickHouseStore
{
    private readonly List<string> _statements = [];
    private readonly List<(string Table, string Format, byte[] Rows, string? Token)> _inserts = [];

    public string Database => inner.Database;

    public string Description => inner.Description;

    public IReadOnlyList<string> Statements
    {
        get
        {
            lock (_statements)
            {
                return [.. _statements];
            }
        }
    }

    public IReadOnlyList<(string Table, string Format, byte[] Rows, string? Token)> Inserts
    {
        get
        {
            lock (_inserts)
            {
                return [.. _inserts];
            }
        }
    }

    public Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default)
    {
        lock (_statements)
        {
            _statements.Add(sql);
        }

        return inner.ExecuteAsync(sql, parameters, cancellationToken);
    }

    public Task<byte[]> QueryAsync(string sql, string format, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(sql, format, parameters, cancellationToken);

    public Task InsertAsync(string table, string format, ReadOnlyMemory<byte> rows, string? deduplicationToken = null, CancellationToken cancellationToken = default)
    {
        lock (_inserts)
        {
            _inserts.Add((table, format, rows.ToArray(), deduplicationToken));
        }

        return inner.InsertAsync(table, format, rows, deduplicationToken, cancellationToken);
    }

    /// <summary>The test owns the inner store.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
