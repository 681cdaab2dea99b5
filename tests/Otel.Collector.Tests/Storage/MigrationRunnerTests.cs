using System.Text;
using Microsoft.Extensions.Time.Testing;
using Otel.Collector.ClickHouse;
using Otel.Collector.ClickHouse.Migrations;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Storage;

public sealed class MigrationRunnerTests
{
    private static readonly Migration CreateItems = new(1, "create_items", """
        -- Items of the test schema.
        CREATE TABLE IF NOT EXISTS items (id UInt32, label String)
        ENGINE = MergeTree ORDER BY id;
        """);

    private static readonly Migration SeedItems = new(2, "seed_items", """
        INSERT INTO items VALUES (1, 'one');
        INSERT INTO items VALUES (2, 'two;');
        """);

    private static readonly Migration AddColumn = new(3, "add_weight", "ALTER TABLE items ADD COLUMN IF NOT EXISTS weight Float64 DEFAULT 1;\n");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_MigrationsGivenOutOfOrder_AppliesInVersionOrderAndRecordsEach()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("migrate_order", [], Cancellation);

        var applied = await ApplyAsync(store, [SeedItems, CreateItems]);

        Assert.Equal([1u, 2u], applied.Select(migration => migration.Version));
        Assert.Equal("1\tone\n2\ttwo;\n", await QueryTextAsync(store, "SELECT id, label FROM items ORDER BY id"));
        Assert.Equal(
            $"1\tcreate_items\t{CreateItems.Checksum}\t2025-03-04 05:06:07.890\n2\tseed_items\t{SeedItems.Checksum}\t2025-03-04 05:06:07.890\n",
            await QueryTextAsync(store, "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version"));
    }

    [Fact]
    public async Task Apply_SecondRun_AppliesNothing()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("migrate_twice", [], Cancellation);
        await ApplyAsync(store, [CreateItems, SeedItems]);

        var applied = await ApplyAsync(store, [CreateItems, SeedItems]);

        Assert.Empty(applied);
        Assert.Equal("2\n", await QueryTextAsync(store, "SELECT count() FROM items"));
    }

    [Fact]
    public async Task Apply_NewMigrationAdded_AppliesOnlyTheNewOne()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("migrate_new", [], Cancellation);
        await ApplyAsync(store, [CreateItems, SeedItems]);

        var applied = await ApplyAsync(store, [CreateItems, SeedItems, AddColumn]);

        Assert.Equal([AddColumn], applied);
        Assert.Equal("2\t2\n", await QueryTextAsync(store, "SELECT count(), sum(weight) FROM items"));
    }

    [Fact]
    public async Task Apply_AppliedMigrationEdited_RefusesNamingTheMigrationAndChangesNothing()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("migrate_edited", [], Cancellation);
        await ApplyAsync(store, [CreateItems]);
        var edited = CreateItems with { Sql = CreateItems.Sql.Replace("label String", "label String, extra UInt8", StringComparison.Ordinal) };

        var exception = await Assert.ThrowsAsync<MigrationException>(() => ApplyAsync(store, [edited, SeedItems]));

        Assert.Contains("0001_create_items was changed after it was applied", exception.Message, StringComparison.Ordinal);
        Assert.Contains("new migration", exception.Message, StringComparison.Ordinal);
        Assert.Equal("0\n", await QueryTextAsync(store, "SELECT count() FROM items"));
    }

    [Fact]
    public async Task Apply_DatabaseHasMigrationThisBuildLacks_Refuses()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("migrate_newer", [], Cancellation);
        await ApplyAsync(store, [CreateItems, SeedItems]);

        var exception = await Assert.ThrowsAsync<MigrationException>(() => ApplyAsync(store, [CreateItems]));

        Assert.Contains("0002_seed_items", exception.Message, StringComparison.Ordinal);
        Assert.Contains("newer otel-track", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_StatementFails_ThrowsNamingMigrationAndStatementAndDoesNotRecordIt()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("migrate_failing", [], Cancellation);
        var broken = new Migration(2, "broken", "INSERT INTO items VALUES (1, 'one');\nINSERT INTO no_such_table VALUES (1);\n");
        await ApplyAsync(store, [CreateItems]);

        var exception = await Assert.ThrowsAsync<MigrationException>(() => ApplyAsync(store, [CreateItems, broken]));

        Assert.Contains("0002_broken failed at statement 2 of 2", exception.Message, StringComparison.Ordinal);
        Assert.IsType<ClickHouseException>(exception.InnerException);
        Assert.Equal("1\n", await QueryTextAsync(store, "SELECT max(version) FROM schema_migrations"));
    }

    [Fact]
    public async Task Apply_ConcurrentRunnersOnOneStore_ApplyEachMigrationOnce()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("migrate_concurrent", [], Cancellation);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ApplyAsync(store, [CreateItems, SeedItems]), Cancellation)));

        Assert.Equal(2, results.Sum(applied => applied.Count));
        Assert.Equal("2\n", await QueryTextAsync(store, "SELECT count() FROM items"));
        Assert.Equal("2\n", await QueryTextAsync(store, "SELECT count() FROM schema_migrations"));
    }

    [Fact]
    public async Task Apply_ProductMigrationsOnFreshDatabase_AllApplyAndRecord()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("migrate_product", [], Cancellation);

        var applied = await ApplyAsync(store, EmbeddedMigrations.Product);

        Assert.Equal(EmbeddedMigrations.Product, applied);
        Assert.Equal($"{EmbeddedMigrations.Product.Count}\n", await QueryTextAsync(store, "SELECT count() FROM schema_migrations"));
    }

    private Task<IReadOnlyList<Migration>> ApplyAsync(IClickHouseStore store, IReadOnlyList<Migration> migrations) =>
        new MigrationRunner(_time).ApplyAsync(store, migrations, Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

    private static async Task<string> QueryTextAsync(IClickHouseStore store, string sql) =>
        Encoding.UTF8.GetString(await store.QueryAsync(sql, "TabSeparated", cancellationToken: Cancellation).WaitAsync(TestTimeouts.Default, Cancellation));
}
