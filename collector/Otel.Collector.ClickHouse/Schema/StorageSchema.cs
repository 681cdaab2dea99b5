using System.Text.RegularExpressions;

namespace Otel.Collector.ClickHouse.Schema;

/// <summary>
/// The one place that knows where the tables live: on one node (MergeTree family, tables under their own names)
/// or on a cluster. On a cluster each table's rows live in <c>NAME_local</c> (a <c>Replicated…MergeTree</c> created
/// <c>ON CLUSTER</c> on every node) and <c>NAME</c> is a <c>Distributed</c> table over them, so readers and writers
/// keep using the one name everywhere. Migrations are rendered from it (<see cref="MigrationTemplate"/>).
/// </summary>
internal sealed partial class StorageSchema
{
    /// <summary>Suffix of the table that holds a table's rows on each node of a cluster.</summary>
    public const string LocalSuffix = "_local";

    /// <summary>
    /// Where a replicated table keeps its replication state in Keeper: the server's own default
    /// (<c>default_replica_path</c>), spelled out so the DDL says what it does. <c>{uuid}</c> keeps the path unique
    /// when tables are exchanged or re-created; <c>{shard}</c> and <c>{replica}</c> are the nodes' macros.
    /// </summary>
    public const string ReplicaPath = "'/clickhouse/tables/{uuid}/{shard}', '{replica}'";

    private StorageSchema(string database, string? cluster)
    {
        Database = SqlIdentifier.Require(database, nameof(database));
        Cluster = cluster is null ? null : SqlIdentifier.Require(cluster, nameof(cluster));
    }

    /// <summary>The database every table is in; the <c>Distributed</c> tables name it.</summary>
    public string Database { get; }

    /// <summary>The cluster (<c>remote_servers</c> name) the tables span; null on one node.</summary>
    public string? Cluster { get; }

    public bool IsCluster => Cluster is not null;

    /// <summary>Settings every insert carries: on a cluster, the insert returns once the shards hold the rows, so an
    /// acknowledged spool range is stored, and a replay reaches the same shards with the same token.</summary>
    public IReadOnlyDictionary<string, string> InsertSettings => IsCluster
        ? new Dictionary<string, string>(StringComparer.Ordinal) { ["distributed_foreground_insert"] = "1" }
        : new Dictionary<string, string>(StringComparer.Ordinal);

    public static StorageSchema SingleNode(string database) => new(database, null);

    public static StorageSchema OnCluster(string cluster, string database) => new(database, cluster);

    /// <summary>The table that holds <paramref name="table"/>'s rows on a node.</summary>
    public string Local(string table) => IsCluster ? table + LocalSuffix : table;

    /// <summary>The <c>ON CLUSTER</c> clause of a DDL statement, with its leading space; empty on one node.</summary>
    public string OnClusterClause => IsCluster ? $" ON CLUSTER {Cluster}" : string.Empty;

    /// <summary>
    /// The merge-tree setting that bounds insert deduplication: non-replicated tables remember tokens only when it is
    /// set; replicated tables always deduplicate, within their own window.
    /// </summary>
    public string DeduplicationWindowSetting => IsCluster ? "replicated_deduplication_window" : "non_replicated_deduplication_window";

    /// <summary><c>MergeTree()</c>, <c>ReplacingMergeTree(Version)</c>…, or on a cluster its replicated form.</summary>
    /// <exception cref="FormatException">Not a MergeTree-family engine.</exception>
    public string Engine(string engine)
    {
        var match = MergeTreeEngine().Match(engine);
        if (!match.Success)
        {
            throw new FormatException($"'{engine}' is not a MergeTree-family engine such as MergeTree() or ReplacingMergeTree(Version).");
        }

        if (!IsCluster)
        {
            return engine;
        }

        var arguments = match.Groups["arguments"].Value.Trim();
        return $"Replicated{match.Groups["name"].Value}({ReplicaPath}{(arguments.Length > 0 ? ", " + arguments : string.Empty)})";
    }

    /// <summary>
    /// On a cluster, the statement that (re)creates the <c>Distributed</c> table over <c>NAME_local</c> with its current
    /// columns; re-stated after a column change. Null on one node, where the table itself has the name.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The table is not in <see cref="ShardingKeys"/>.</exception>
    public string? DistributedTable(string table)
    {
        var key = ShardingKey(table);
        return IsCluster
            ? $"CREATE OR REPLACE TABLE {table}{OnClusterClause} AS {Local(table)} ENGINE = Distributed({Cluster}, {Database}, {Local(table)}, {key})"
            : null;
    }

    /// <summary>On a cluster, the statement that drops the <c>Distributed</c> table over a dropped table; null on one node.</summary>
    public string? DropDistributedTable(string table)
    {
        ShardingKey(table);
        return IsCluster ? $"DROP TABLE IF EXISTS {table}{OnClusterClause}" : null;
    }

    private static string ShardingKey(string table) =>
        ShardingKeys.TryGetValue(table, out var key)
            ? key
            : throw new KeyNotFoundException(
                $"The table '{table}' has no sharding key: add it to {nameof(StorageSchema)}.{nameof(ShardingKeys)} " +
                "(collector/Otel.Collector.ClickHouse/Schema/StorageSchema.Tables.cs).");

    [GeneratedRegex(@"^(?<name>[A-Za-z]*MergeTree)(?:\((?<arguments>.*)\))?\z", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex MergeTreeEngine();
}
