using System.Text.RegularExpressions;
using Otel.Collector.ClickHouse.Migrations;
using Otel.Collector.ClickHouse.Schema;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Tests.Storage;

/// <summary>
/// The product schema rendered for a cluster, checked table by table: it cannot run here (no Keeper, no cluster),
/// so these tests read the DDL that would. Every statement's syntax is checked by the embedded engine's parser in
/// <see cref="MigrationTemplateTests"/>.
/// </summary>
public sealed partial class ClusterSchemaTests
{
    private const string Cluster = "prod";
    private static readonly StorageSchema Schema = StorageSchema.OnCluster(Cluster, "otel");

    private static readonly List<string> Statements = [.. new[] { MigrationRunner.History }.Concat(EmbeddedMigrations.Product)
        .SelectMany(migration => migration.StatementsFor(Schema)).Select(WithoutComments)];

    /// <summary>Every table the migrations create: its name and its last (re)creating statement.</summary>
    private static Dictionary<string, string> CreatedTables => Statements
        .Select(s => (Match: CreateTable().Match(s), Sql: s)).Where(t => t.Match.Success)
        .GroupBy(t => t.Match.Groups["name"].Value, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last().Sql, StringComparer.Ordinal);

    [Fact]
    public void ClusterSchema_EveryDdlStatement_RunsOnCluster()
    {
        var ddl = Statements.Where(s => !s.StartsWith("INSERT", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(ddl);
        Assert.All(ddl, statement => Assert.Contains($" ON CLUSTER {Cluster}", statement, StringComparison.Ordinal));
    }

    [Fact]
    public void ClusterSchema_EveryStoredTable_IsLocalAndReplicated()
    {
        var stored = CreatedTables.Where(t => !t.Value.Contains("ENGINE = Distributed", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(stored);
        Assert.All(stored, table =>
        {
            Assert.EndsWith(StorageSchema.LocalSuffix, table.Key, StringComparison.Ordinal);
            Assert.Matches(@"ENGINE = Replicated[A-Za-z]*MergeTree\('/clickhouse/tables/\{uuid\}/\{shard\}', '\{replica\}'", table.Value);
        });
    }

    [Fact]
    public void ClusterSchema_EveryWrittenTable_HasDistributedTableOverItsLocalTable()
    {
        var written = Enum.GetValues<StorageTable>().Select(t => t.Name()).Append(MigrationRunner.HistoryTable).ToList();
        var tables = CreatedTables;

        Assert.All(written, name =>
        {
            Assert.True(tables.TryGetValue(name, out var sql), $"no table {name}");
            Assert.Contains($"AS {name}_local ENGINE = Distributed({Cluster}, otel, {name}_local, ", sql, StringComparison.Ordinal);
            Assert.True(tables.ContainsKey(name + "_local"), $"no local table under {name}");
        });
    }

    [Fact]
    public void ClusterSchema_ReadTablesFedByViews_AlsoHaveDistributedTables()
    {
        var tables = CreatedTables;

        Assert.All(new[] { "ml_metric_summary", "ml_metric_rollup", "otel_traces_trace_id_ts", "ml_server_span_minutes" }, name =>
            Assert.Contains($"ENGINE = Distributed({Cluster}, otel, {name}_local, ", tables[name], StringComparison.Ordinal));
    }

    [Fact]
    public void ClusterSchema_MaterializedViews_ReadAndWriteLocalTablesOnEveryNode()
    {
        var views = Statements.Select(s => MaterializedView().Match(s)).Where(m => m.Success).ToList();

        Assert.Equal(
            ["otel_traces_trace_id_ts_mv", "ml_metric_summary_mv", "ml_metric_summary_mv", "ml_metric_rollup_mv", "ml_metric_summary_mv", "ml_metric_rollup_mv", "ml_metric_rollup_mv",
             "ml_serving_minutes_histogram_mv", "ml_serving_minutes_sum_mv", "ml_server_span_minutes_mv",
             "ml_serving_deployments_mv", "ml_serving_instance_minutes_mv", "ml_serving_arrivals_mv"],
            views.Select(v => v.Groups["name"].Value));
        Assert.All(views, view =>
        {
            Assert.EndsWith(StorageSchema.LocalSuffix, view.Groups["target"].Value, StringComparison.Ordinal);
            Assert.EndsWith(StorageSchema.LocalSuffix, view.Groups["source"].Value, StringComparison.Ordinal);
        });
        Assert.Equal(("ml_metric_rollup_local", "ml_metrics_local"), (views[6].Groups["target"].Value, views[6].Groups["source"].Value));
        Assert.Equal(("ml_serving_minutes_local", "otel_metrics_sum_local"), Ends(views, "ml_serving_minutes_sum_mv"));
        Assert.Equal(("ml_server_span_minutes_local", "otel_traces_local"), Ends(views, "ml_server_span_minutes_mv"));
        Assert.Equal(("ml_serving_deployments_local", "ml_serving_minutes_local"), Ends(views, "ml_serving_deployments_mv"));
        Assert.Equal(("ml_serving_instance_minutes_local", "otel_metrics_histogram_local"), Ends(views, "ml_serving_instance_minutes_mv"));
        Assert.Equal(("ml_serving_arrivals_local", "ml_serving_minutes_local"), Ends(views, "ml_serving_arrivals_mv"));
    }

    [Fact]
    public void ClusterSchema_DataMovingStatements_UseDistributedNames()
    {
        var inserts = Statements.Where(s => s.StartsWith("INSERT", StringComparison.Ordinal)).ToList();

        Assert.Equal(4, inserts.Count);
        Assert.All(inserts, insert => Assert.DoesNotContain("_local", insert, StringComparison.Ordinal));
    }

    [Fact]
    public void ClusterSchema_Deduplication_UsesReplicatedWindowAndForegroundDistributedInserts()
    {
        Assert.Contains(Statements, s => s.Contains("MODIFY SETTING replicated_deduplication_window = 1000", StringComparison.Ordinal));
        Assert.DoesNotContain(Statements, s => s.Contains("non_replicated_deduplication_window", StringComparison.Ordinal));
        Assert.Equal("1", Schema.InsertSettings["distributed_foreground_insert"]);
        Assert.Empty(StorageSchema.SingleNode("otel").InsertSettings);
    }

    [Fact]
    public void ClusterSchema_ColumnChanges_ReStateTheDistributedTable()
    {
        var alter = Statements.FindIndex(s => s.StartsWith("ALTER TABLE ml_runs_local ON CLUSTER prod ADD COLUMN", StringComparison.Ordinal));

        Assert.True(alter >= 0);
        Assert.StartsWith("CREATE OR REPLACE TABLE ml_runs ON CLUSTER prod AS ml_runs_local ENGINE = Distributed", Statements[alter + 1], StringComparison.Ordinal);
    }

    /// <summary>The (target, source) tables of the view named <paramref name="name"/>.</summary>
    private static (string Target, string Source) Ends(List<Match> views, string name)
    {
        var view = views.Single(v => v.Groups["name"].Value == name);
        return (view.Groups["target"].Value, view.Groups["source"].Value);
    }

    private static string WithoutComments(string statement) => string.Join("\n", statement.Split('\n')
        .Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim();

    [GeneratedRegex(@"^CREATE (?:OR REPLACE )?TABLE (?:IF NOT EXISTS )?(?<name>\w+) ON CLUSTER", RegexOptions.CultureInvariant)]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"^CREATE MATERIALIZED VIEW IF NOT EXISTS (?<name>\w+) ON CLUSTER \w+ TO (?<target>\w+)\s.*?\sFROM (?<source>\w+)", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex MaterializedView();
}
