using ClickHouse.Driver;

namespace Otel.Collector.ClickHouse.Server;

/// <summary>
/// One database on a ClickHouse server through ClickHouse.Driver's HTTP client. Parameters travel
/// as the HTTP interface's <c>param_NAME</c> values (server-side substitution, no SQL building),
/// the output format as <c>default_format</c>, and statements wait for the end of the query so a
/// failure arrives as an HTTP error rather than half-way through a 200 response.
/// </summary>
internal sealed class ClickHouseServerStore : IClickHouseStore
{
    private readonly ClickHouseClient _client;
    private readonly string _endpoint;
    private readonly IReadOnlyDictionary<string, string> _insertSettings;
    private bool _deferSkipIndexes;

    private ClickHouseServerStore(ClickHouseClient client, string endpoint, string database, IReadOnlyDictionary<string, string> insertSettings)
    {
        _client = client;
        _endpoint = endpoint;
        Database = database;
        _insertSettings = insertSettings;
    }

    public string Database { get; }

    public string Description => $"ClickHouse server {_endpoint}, database {Database}";

    /// <summary>Connects to <paramref name="endpoint"/> and creates <paramref name="database"/> on that node when missing.</summary>
    public static Task<ClickHouseServerStore> OpenAsync(ClickHouseServerEndpoint endpoint, string database, CancellationToken cancellationToken = default) =>
        OpenAsync(endpoint, Schema.StorageSchema.SingleNode(database), cancellationToken);

    /// <summary>
    /// As above for a topology: the database is created on every node of a cluster (its tables' DDL runs ON CLUSTER
    /// and fails on a node without it), and every insert carries the topology's <see cref="Schema.StorageSchema.InsertSettings"/>.
    /// </summary>
    public static async Task<ClickHouseServerStore> OpenAsync(ClickHouseServerEndpoint endpoint, Schema.StorageSchema schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(schema);
        var client = new ClickHouseClient(endpoint.ToClientSettings());
        var store = new ClickHouseServerStore(client, endpoint.Redacted, schema.Database, schema.InsertSettings);
        try
        {
            // An empty database name sends none, so this runs in the user's default database.
            await store.RunAsync($"CREATE DATABASE IF NOT EXISTS `{schema.Database}`{schema.OnClusterClause}", "TabSeparated", null, "", cancellationToken).ConfigureAwait(false);
            store._deferSkipIndexes = await store.HasSettingAsync(InsertSettings.DeferSkipIndexes, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task ExecuteAsync(string sql, QueryParameters? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        await RunAsync(sql, "TabSeparated", parameters, Database, cancellationToken).ConfigureAwait(false);
    }

    public Task<byte[]> QueryAsync(string sql, string format, QueryParameters? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        SqlIdentifier.Require(format, nameof(format));
        return RunAsync(sql, format, parameters, Database, cancellationToken);
    }

    public async Task InsertAsync(string table, string format, ReadOnlyMemory<byte> rows, string? deduplicationToken = null, CancellationToken cancellationToken = default)
    {
        SqlIdentifier.Require(table, nameof(table));
        SqlIdentifier.Require(format, nameof(format));
        if (rows.IsEmpty)
        {
            return;
        }

        var settings = InsertSettings.For(format, deduplicationToken, _deferSkipIndexes).ToDictionary(s => s.Key, s => (object)s.Value);
        foreach (var (name, value) in _insertSettings)
        {
            settings[name] = value;
        }

        var options = new QueryOptions { Database = Database, CustomSettings = settings };

        try
        {
            using var body = new ReadOnlyMemoryStream(rows);
            using var response = await _client.InsertRawStreamAsync(table, body, format, columns: null, useCompression: true, options, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ClickHouseServerException or HttpRequestException)
        {
            throw Wrap(exception, $"INSERT INTO {table} FORMAT {format}");
        }
    }

    /// <summary>Whether the server knows the setting <paramref name="name"/> (older servers refuse settings they lack).</summary>
    public async Task<bool> HasSettingAsync(string name, CancellationToken cancellationToken = default)
    {
        var answer = await RunAsync("SELECT count() FROM system.settings WHERE name = {name:String}", "TabSeparated",
            new QueryParameters().Add("name", name), "", cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(answer).Trim() == "1";
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<byte[]> RunAsync(string sql, string format, QueryParameters? parameters, string database, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["default_format"] = format,
            ["wait_end_of_query"] = "1",
        };
        if (parameters is not null)
        {
            foreach (var (name, value) in parameters.Values)
            {
                settings["param_" + name] = value;
            }
        }

        var options = new QueryOptions { Database = database, CustomSettings = settings };
        try
        {
            using var result = await _client.ExecuteRawResultAsync(sql, options, cancellationToken).ConfigureAwait(false);
            return await result.ReadAsByteArrayAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ClickHouseServerException or HttpRequestException)
        {
            throw Wrap(exception, sql);
        }
    }

    private ClickHouseException Wrap(Exception exception, string sql) => exception is HttpRequestException
        ? new ClickHouseException($"Could not reach the ClickHouse server at {_endpoint}: {exception.Message} SQL: {SqlExcerpt.Of(sql)}", exception)
        : new ClickHouseException($"{exception.Message.Trim()} SQL: {SqlExcerpt.Of(sql)}", ClickHouseErrorCode.FromDriver(exception), exception);
}
