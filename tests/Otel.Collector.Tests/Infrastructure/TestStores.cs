using System.Text;
using Otel.Collector.ClickHouse;
using Otel.Collector.ClickHouse.Migrations;

namespace Otel.Collector.Tests.Infrastructure;

/// <summary>
/// Fresh stores for tests, each on its own new database with the schema migrated, dropped on dispose:
/// <c>await using var store = await TestStores.CreateEmbeddedAsync("name");</c>. Embedded stores share
/// the process's chDB engine (one per process); server stores skip the test when no server is available.
/// </summary>
internal static class TestStores
{
    private static int s_counter;

    /// <summary>An embedded store with the product schema.</summary>
    public static Task<IClickHouseStore> CreateEmbeddedAsync(string name, CancellationToken cancellationToken = default) =>
        CreateEmbeddedAsync(name, EmbeddedMigrations.Product, cancellationToken);

    public static async Task<IClickHouseStore> CreateEmbeddedAsync(string name, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        var store = await OpenAsync(new ClickHouseStoreOptions { DataPath = TestDataDirectory.Path, Database = UniqueDatabase(name) }, migrations, cancellationToken);
        TestDataDirectory.RemoveAtExit();
        return store;
    }

    /// <summary>A server store with the product schema; skips the calling test when there is no server.</summary>
    public static Task<IClickHouseStore> CreateServerAsync(string name, CancellationToken cancellationToken = default) =>
        CreateServerAsync(name, EmbeddedMigrations.Product, cancellationToken);

    public static async Task<IClickHouseStore> CreateServerAsync(string name, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        var url = await TestClickHouseServer.GetUrlAsync().WaitAsync(TestTimeouts.ContainerStart, cancellationToken);
        if (url is null)
        {
            Assert.Skip(TestClickHouseServer.SkipReason);
        }

        return await OpenAsync(new ClickHouseStoreOptions { ServerUrl = url, Database = UniqueDatabase(name) }, migrations, cancellationToken);
    }

    /// <summary>A database name that no other test in any process uses: the name made an identifier, plus a unique suffix.</summary>
    public static string UniqueDatabase(string name)
    {
        var identifier = new StringBuilder("t_");
        foreach (var character in name.Take(40))
        {
            identifier.Append(char.IsAsciiLetterOrDigit(character) ? char.ToLowerInvariant(character) : '_');
        }

        return $"{identifier}_{Interlocked.Increment(ref s_counter)}_{Guid.NewGuid().ToString("N")[..8]}";
    }

    private static async Task<IClickHouseStore> OpenAsync(ClickHouseStoreOptions options, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        var store = await ClickHouseStoreFactory.OpenAsync(options, migrations, TimeProvider.System, cancellationToken)
            .WaitAsync(TestTimeouts.StoreOpen, cancellationToken);
        return new TemporaryDatabaseStore(store);
    }
}
