using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Otel.Collector.ClickHouse.Migrations;
using Otel.Collector.ClickHouse.Schema;

namespace Otel.Grafana.Tests.Compose;

public sealed partial class ClusterProfileTests
{
    private const string Profile = "cluster";
    private static readonly ComposeFile Compose = ComposeFile.Load();

    private static XElement Cluster => Assert.Single(ClickHouseConfig.Child(ClickHouseConfig.Load(ClickHouseConfig.RemoteServers), "remote_servers").Elements());

    private static List<ComposeService> Nodes => Compose.ProfileServices(Profile)
        .Where(service => service.Image?.StartsWith("clickhouse/clickhouse-server:", StringComparison.Ordinal) == true).ToList();

    private static List<ComposeService> Keepers => Compose.ProfileServices(Profile)
        .Where(service => service.Image?.StartsWith("clickhouse/clickhouse-keeper:", StringComparison.Ordinal) == true).ToList();

    [Fact]
    public void RemoteServers_TwoShardsOfTwoReplicas_AreTheProfilesNodes()
    {
        var shards = Cluster.Elements("shard").ToList();
        Assert.Equal(2, shards.Count);
        Assert.All(shards, shard =>
        {
            Assert.Equal("true", ClickHouseConfig.Child(shard, "internal_replication").Value);
            Assert.Equal(2, shard.Elements("replica").Count());
        });

        var hosts = shards.SelectMany(shard => shard.Elements("replica")).Select(replica => ClickHouseConfig.Child(replica, "host").Value).ToList();
        Assert.Equal(Nodes.Select(node => node.Name).Order(StringComparer.Ordinal), hosts.Order(StringComparer.Ordinal));
        Assert.All(Nodes, node => Assert.Equal(node.Name, node.Definition["hostname"]));
    }

    [Fact]
    public void CollectorCluster_ClusterName_IsTheRemoteServersCluster()
    {
        var collector = Compose.Services["collector-cluster"];
        Assert.Equal(Cluster.Name.LocalName, collector.CommandOption("--cluster"));
        Assert.Contains(collector.Profiles, profile => profile == Profile);
        var url = new Uri(ComposeInterpolation.WithDefaults(collector.Environment["OTEL_TRACK_CLICKHOUSE_URL"]));
        Assert.Contains(url.Host, Nodes.Select(node => node.Name));
        Assert.All(Nodes, node => Assert.Contains(node.Name, collector.DependsOn.Keys));
    }

    [Fact]
    public void Nodes_Macros_MatchTheirShardAndReplicaInRemoteServers()
    {
        var macros = ClickHouseConfig.Child(ClickHouseConfig.Load(ClickHouseConfig.Macros), "macros");
        var shardVariable = ClickHouseConfig.FromEnvironment(ClickHouseConfig.Child(macros, "shard"))!;
        var replicaVariable = ClickHouseConfig.FromEnvironment(ClickHouseConfig.Child(macros, "replica"))!;

        var shardIndex = 0;
        foreach (var shard in Cluster.Elements("shard"))
        {
            shardIndex++;
            foreach (var host in shard.Elements("replica").Select(replica => ClickHouseConfig.Child(replica, "host").Value))
            {
                var node = Compose.Services[host];
                Assert.Equal(shardIndex.ToString(CultureInfo.InvariantCulture), node.Environment[shardVariable]);
                Assert.Equal(host, node.Environment[replicaVariable]);
            }
        }
    }

    [Fact]
    public void Nodes_MountTheClusterConfigAndTheUsers()
    {
        Assert.All(Nodes, node =>
        {
            var targets = node.Volumes.ToDictionary(volume => volume.Target, volume => volume.Source, StringComparer.Ordinal);
            Assert.Equal("./" + ClickHouseConfig.RemoteServers, targets["/etc/clickhouse-server/config.d/remote_servers.xml"]);
            Assert.Equal("./" + ClickHouseConfig.Macros, targets["/etc/clickhouse-server/config.d/macros.xml"]);
            Assert.Equal("./" + ClickHouseConfig.KeeperClient, targets["/etc/clickhouse-server/config.d/keeper.xml"]);
            Assert.Equal("./" + ClickHouseConfig.Users, targets["/etc/clickhouse-server/users.d/otel-track-users.xml"]);
            Assert.Equal("1", node.Environment["CLICKHOUSE_SKIP_USER_SETUP"]);
            Assert.False(string.IsNullOrEmpty(ComposeInterpolation.WithDefaults(node.Environment[ClickHouseConfig.FromEnvironment(ClickHouseConfig.Child(Cluster, "secret"))!])));
        });
    }

    [Fact]
    public void GrafanaCluster_ReadsTheDatabaseTheCollectorCreatesOnCluster()
    {
        // --database defaults to otel, which the collector creates ON CLUSTER before its tables.
        Assert.Null(Compose.Services["collector-cluster"].CommandOption("--database"));
        Assert.Equal("otel", Compose.Services["grafana-cluster"].Environment["OTEL_TRACK_CLICKHOUSE_DATABASE"]);
    }

    [Fact]
    public void Keepers_ThreeWithDistinctIds_AreTheRaftConfigurationAndTheNodesKeeperList()
    {
        var keeperServer = ClickHouseConfig.Child(ClickHouseConfig.Load(ClickHouseConfig.KeeperServer), "keeper_server");
        var idVariable = ClickHouseConfig.FromEnvironment(ClickHouseConfig.Child(keeperServer, "server_id"))!;
        var raft = ClickHouseConfig.Child(keeperServer, "raft_configuration").Elements("server")
            .ToDictionary(server => ClickHouseConfig.Child(server, "id").Value, server => ClickHouseConfig.Child(server, "hostname").Value, StringComparer.Ordinal);

        Assert.Equal(3, Keepers.Count);
        Assert.Equal(Keepers.Count, raft.Count);
        Assert.All(Keepers, keeper => Assert.Equal(raft[keeper.Environment[idVariable]], keeper.Definition["hostname"]));
        Assert.All(Keepers, keeper => Assert.Contains("./" + ClickHouseConfig.KeeperServer, keeper.Volumes.Select(volume => volume.Source)));

        var clientPort = ClickHouseConfig.Child(keeperServer, "tcp_port").Value;
        var listed = ClickHouseConfig.Child(ClickHouseConfig.Load(ClickHouseConfig.KeeperClient), "zookeeper").Elements("node")
            .Select(node => (Host: ClickHouseConfig.Child(node, "host").Value, Port: ClickHouseConfig.Child(node, "port").Value)).ToList();
        Assert.Equal(raft.Values.Order(StringComparer.Ordinal), listed.Select(node => node.Host).Order(StringComparer.Ordinal));
        Assert.All(listed, node => Assert.Equal(clientPort, node.Port));
        Assert.All(Nodes, node => Assert.All(Keepers, keeper => Assert.Equal("service_healthy", node.DependsOn[keeper.Name])));
    }

    [Fact]
    public void RenderedClusterDdl_NamesTheClusterAndOnlyMacrosTheNodesDefine()
    {
        var name = Cluster.Name.LocalName;
        var schema = StorageSchema.OnCluster(name, "otel");
        var statements = new[] { MigrationRunner.History }.Concat(EmbeddedMigrations.Product).SelectMany(migration => migration.StatementsFor(schema)).ToList();

        var defined = ClickHouseConfig.Child(ClickHouseConfig.Load(ClickHouseConfig.Macros), "macros").Elements().Select(macro => macro.Name.LocalName)
            .Append("uuid") // the server's own, for tables created in an Atomic database
            .ToHashSet(StringComparer.Ordinal);
        var used = statements.SelectMany(sql => Macro().Matches(sql).Select(match => match.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(used);
        Assert.Subset(defined, used);

        var ddl = statements.Where(sql => sql.StartsWith("CREATE", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.All(ddl, sql => Assert.Contains($" ON CLUSTER {name}", sql, StringComparison.Ordinal));
        Assert.Contains(statements, sql => sql.Contains($"Distributed({name}, otel,", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"'[^']*\{([a-z_]+)\}[^']*'")]
    private static partial Regex Macro();
}
