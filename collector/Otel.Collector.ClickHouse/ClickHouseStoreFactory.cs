using Otel.Collector.ClickHouse.ChDb;
using Otel.Collector.ClickHouse.Migrations;
using Otel.Collector.ClickHouse.Schema;
using Otel.Collector.ClickHouse.Server;

namespace Otel.Collector.ClickHouse;

/// <summary>Opens the store the options describe, with the schema migrated.</summary>
internal static class ClickHouseStoreFactory
{
    /// <summary>Opens the store with the product schema (<see cref="EmbeddedMigrations.Product"/>) applied.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    /// <exception cref="ChDbUnavailableException">The embedded engine could not be fetched or loaded.</exception>
    /// <exception cref="ClickHouseException">The database could not be created or reached.</exception>
    /// <exception cref="MigrationException">The schema could not be brought up to date.</exception>
    public static Task<IClickHouseStore> OpenAsync(ClickHouseStoreOptions options, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        OpenAsync(options, EmbeddedMigrations.Product, timeProvider, cancellationToken);

    public static async Task<IClickHouseStore> OpenAsync(
        ClickHouseStoreOptions options, IReadOnlyList<Migration> migrations, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(migrations);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid ClickHouse store options: " + string.Join(" ", errors), nameof(options));
        }

        var schema = SchemaOf(options);
        var store = await OpenUnmigratedAsync(options, schema, cancellationToken).ConfigureAwait(false);
        try
        {
            await new MigrationRunner(timeProvider ?? TimeProvider.System, schema).ApplyAsync(store, migrations, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The topology the options describe: a cluster, or one node.</summary>
    public static StorageSchema SchemaOf(ClickHouseStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var database = string.IsNullOrWhiteSpace(options.ServerUrl) ? options.Database : ClickHouseServerEndpoint.Parse(options.ServerUrl).Database ?? options.Database;
        return options.Cluster is { } cluster ? StorageSchema.OnCluster(cluster, database) : StorageSchema.SingleNode(database);
    }

    private static async Task<IClickHouseStore> OpenUnmigratedAsync(ClickHouseStoreOptions options, StorageSchema schema, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.ServerUrl))
        {
            var endpoint = ClickHouseServerEndpoint.Parse(options.ServerUrl);
            return await ClickHouseServerStore.OpenAsync(endpoint, schema, cancellationToken).ConfigureAwait(false);
        }

        // Locating chDB may fetch it (seconds) and booting blocks; keep both off the caller's thread.
        var dataPath = options.DataPath!;
        var engine = await Task.Run(() => ChDbEngine.Open(dataPath, cancellationToken), cancellationToken).ConfigureAwait(false);
        return await ChDbStore.OpenAsync(engine, options.Database, cancellationToken).ConfigureAwait(false);
    }
}
