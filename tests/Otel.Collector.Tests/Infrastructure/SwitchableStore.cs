using Otel.Collector.ClickHouse;

namespace Otel.Collector.Tests.Infrastructure;

/// <summary>A real store behind a switch: while <see cref="Down"/>, every call fails as a ClickHouse that is down would.</summary>
internal sealed class SwitchableStore(IClickHouseStore inner) : IClickHouseStore
{
    private volatile bool _down;

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public string Database => inner.Database;

    public string Description => "switchable " + inner.Description;

    public Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
        Down ? Task.FromException(Unreachable()) : inner.ExecuteAsync(sql, parameters, cancellationToken);

    public Task<byte[]> QueryAsync(string sql, string format, QueryParameters? parameters = null, CancellationToken cancellationToken = default) =>
        Down ? Task.FromException<byte[]>(Unreachable()) : inner.QueryAsync(sql, format, parameters, cancellationToken);

    public Task InsertAsync(string table, string format, ReadOnlyMemory<byte> rows, string? deduplicationToken = null, CancellationToken cancellationToken = default) =>
        Down ? Task.FromException(Unreachable()) : inner.InsertAsync(table, format, rows, deduplicationToken, cancellationToken);

    /// <summary>The test owns the inner store.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static HttpRequestException Unreachable() => new("Connection refused (127.0.0.1:8123)");
}
