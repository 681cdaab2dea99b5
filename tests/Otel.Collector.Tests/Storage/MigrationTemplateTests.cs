using System.Text;
using Otel.Collector.ClickHouse;
using Otel.Collector.ClickHouse.Migrations;
using Otel.Collector.ClickHouse.Schema;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Storage;

/// <summary>Migration files as templates: the single-node rendering is today's DDL; the placeholders render as documented.</summary>
public sealed class MigrationTemplateTests
{
    private static readonly StorageSchema OneNode = StorageSchema.SingleNode("otel");
    private static readonly StorageSchema Cluster = StorageSchema.OnCluster("prod", "otel");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>SHA-256 of 0001-0005 as released, before they became templates: databases record these.</summary>
    [Theory]
    [InlineData(1u, "eebb96fd2f3bbf65f3069c00c87b6235aac578ce55a53aef55053ad7a3f1ca0d")]
    [InlineData(2u, "b4d72b8aaafde5ee47e31e910277aa94d60898e9deb06e89c4ab5b8cb89c288d")]
    [InlineData(3u, "9a25f6d48647c3936ea6309f30fc6e522bb7dc55b00b42c8690ebb7ada4909ca")]
    [InlineData(4u, "ef4ec4785597302b85ec4e4a0d838ca02f8cb64319f5af022c9c4393c3f90057")]
    [InlineData(5u, "fbf1fe3fa0c5da5d353a36a93928219720ffa62bc61ec7a72b03817b1b32c643")]
    public void Checksum_ReleasedMigrationNowATemplate_IsTheReleasedFilesChecksum(uint version, string released)
    {
        var migration = EmbeddedMigrations.Product.Single(m => m.Version == version);

        Assert.Contains("{{", migration.Sql, StringComparison.Ordinal);
        Assert.Equal(released, migration.Checksum);
    }

    [Fact]
    public void Render_SingleNode_HistoryTableIsTheOneCreatedBefore()
    {
        Assert.Equal(
            ["CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY version"],
            MigrationRunner.History.StatementsFor(OneNode));
    }

    [Fact]
    public void Render_PlainMigrationAdaptedWithPlaceholders_SingleNodeUnchangedClusterReplicatedAndDistributed()
    {
        const string plain = """
            CREATE TABLE IF NOT EXISTS ml_runs (
                RunId String,
                Version UInt64
            ) ENGINE = ReplacingMergeTree(Version)
            ORDER BY RunId;
            """;
        const string template = """
            CREATE TABLE IF NOT EXISTS {{local:ml_runs}}{{cluster}} (
                RunId String,
                Version UInt64
            ) ENGINE = {{engine:ReplacingMergeTree(Version)}}
            ORDER BY RunId;
            {{distributed:ml_runs}};
            """;

        Assert.Equal(plain, MigrationTemplate.Render(template, OneNode));
        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS ml_runs_local ON CLUSTER prod (
                RunId String,
                Version UInt64
            ) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{uuid}/{shard}', '{replica}', Version)
            ORDER BY RunId;
            CREATE OR REPLACE TABLE ml_runs ON CLUSTER prod AS ml_runs_local ENGINE = Distributed(prod, otel, ml_runs_local, cityHash64(RunId));
            """, MigrationTemplate.Render(template, Cluster));
    }

    [Theory]
    [InlineData("SELECT 1 FROM {{locl:ml_runs}}", "{{locl:ml_runs}}")]
    [InlineData("SELECT 1 FROM {{local:ml runs}}", "{{local:ml runs}}")]
    [InlineData("CREATE TABLE t (a UInt8) ENGINE = {{engine:Memory}}", "not a MergeTree-family engine")]
    [InlineData("{{distributed:ml_jobs}};", "add it to StorageSchema.ShardingKeys")]
    [InlineData("SELECT 1; {{distributed:ml_runs}};", "alone on its line")]
    [InlineData("SELECT 1 FROM {{ local:ml_runs }}", "Malformed placeholder")]
    public void Render_BadPlaceholder_FailsNamingItAndWhatToDo(string template, string expected)
    {
        var migration = new Migration(9, "bad", template);

        var exception = Assert.Throws<MigrationException>(() => migration.StatementsFor(Cluster));

        Assert.Contains("0009_bad is not a valid template", exception.Message, StringComparison.Ordinal);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_EveryStatementOfBothTopologies_ParsesInClickHouse()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("schema_parses", [], Cancellation);
        var migrations = new[] { MigrationRunner.History }.Concat(EmbeddedMigrations.Product).ToList();

        foreach (var schema in new[] { OneNode, Cluster })
        {
            foreach (var statement in migrations.SelectMany(m => m.StatementsFor(schema)))
            {
                // formatQuery parses without running: the cluster DDL needs a cluster and Keeper to run.
                var formatted = Encoding.UTF8.GetString(await store.QueryAsync(
                    "SELECT formatQuery({sql:String})", "TabSeparatedRaw", new QueryParameters().Add("sql", statement), Cancellation));
                Assert.False(string.IsNullOrWhiteSpace(formatted), statement);
            }
        }
    }
}
