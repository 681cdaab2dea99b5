using System.Globalization;
using System.Text;
using System.Text.Json;
using Otel.Collector.ClickHouse.Schema;

namespace Otel.Collector.ClickHouse.Migrations;

/// <summary>
/// Brings a store's schema up to date: applies, in version order, each migration not yet recorded in
/// <c>schema_migrations</c>, recording it after its last statement succeeds. Refuses to start when an
/// applied migration's text changed, or the database holds a migration this build does not know.
/// Runners in one process take turns; a migration should use <c>IF NOT EXISTS</c> forms so a
/// migration interrupted half-way can run again. Each migration is rendered for <paramref name="schema"/> (one node
/// or a cluster); the history table too.
/// </summary>
internal sealed class MigrationRunner(TimeProvider timeProvider, StorageSchema schema)
{
    public const string HistoryTable = "schema_migrations";

    /// <summary>The history table, a template like the migrations; its single-node rendering is the table as it always was.</summary>
    public static readonly Migration History = new(0, HistoryTable, """
        CREATE TABLE IF NOT EXISTS {{local:schema_migrations}}{{cluster}} (version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC')) ENGINE = {{engine:MergeTree}} ORDER BY version;
        {{distributed:schema_migrations}};
        """);

    /// <summary>Single node, for tests and tools that migrate a store of their own.</summary>
    public MigrationRunner(TimeProvider timeProvider)
        : this(timeProvider, StorageSchema.SingleNode("default"))
    {
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Applies pending migrations; returns the ones applied by this call.</summary>
    /// <exception cref="MigrationException">A migration changed, is unknown, or failed.</exception>
    public async Task<IReadOnlyList<Migration>> ApplyAsync(IClickHouseStore store, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var ordered = EmbeddedMigrations.Ordered(migrations);
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var statement in History.StatementsFor(schema))
            {
                await store.ExecuteAsync(statement, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            var applied = await ReadHistoryAsync(store, cancellationToken).ConfigureAwait(false);
            Verify(store, ordered, applied);

            var pending = ordered.Where(migration => !applied.ContainsKey(migration.Version)).ToList();
            foreach (var migration in pending)
            {
                await ApplyOneAsync(store, migration, cancellationToken).ConfigureAwait(false);
            }

            return pending;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static void Verify(IClickHouseStore store, IReadOnlyList<Migration> known, Dictionary<uint, AppliedMigration> applied)
    {
        var byVersion = known.ToDictionary(migration => migration.Version);
        foreach (var record in applied.Values.OrderBy(record => record.Version))
        {
            if (!byVersion.TryGetValue(record.Version, out var migration))
            {
                throw new MigrationException(
                    $"{store.Description} has migration {record.Version:D4}_{record.Name} applied, which this build does not know: " +
                    "the database was written by a newer otel-track. Run that version (or newer) against it, or use another database.");
            }

            if (!string.Equals(record.Checksum, migration.Checksum, StringComparison.OrdinalIgnoreCase))
            {
                throw new MigrationException(
                    $"Migration {migration} was changed after it was applied to {store.Description} " +
                    $"(applied checksum {record.Checksum}, now {migration.Checksum}). Applied migrations must not be edited: " +
                    "restore the original file and put the change in a new migration.");
            }
        }
    }

    private async Task ApplyOneAsync(IClickHouseStore store, Migration migration, CancellationToken cancellationToken)
    {
        var statements = migration.StatementsFor(schema);
        for (var i = 0; i < statements.Count; i++)
        {
            try
            {
                await store.ExecuteAsync(statements[i], cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (ClickHouseException exception)
            {
                throw new MigrationException(
                    $"Migration {migration} failed at statement {i + 1} of {statements.Count} on {store.Description}: {exception.Message} " +
                    "Fix the migration (it is not recorded as applied) and start again.",
                    exception);
            }
        }

        var record = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["version"] = migration.Version,
            ["name"] = migration.Name,
            ["checksum"] = migration.Checksum,
            ["applied_at"] = timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
        });
        await store.InsertAsync(HistoryTable, "JSONEachRow", record, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Dictionary<uint, AppliedMigration>> ReadHistoryAsync(IClickHouseStore store, CancellationToken cancellationToken)
    {
        var output = await store.QueryAsync($"SELECT version, name, checksum FROM {HistoryTable} ORDER BY version", "JSONEachRow", cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var applied = new Dictionary<uint, AppliedMigration>();
        foreach (var line in Encoding.UTF8.GetString(output).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var record = JsonSerializer.Deserialize<AppliedMigration>(line, JsonOptions)!;
            applied[record.Version] = record;
        }

        return applied;
    }

    private sealed record AppliedMigration(uint Version, string Name, string Checksum);
}
