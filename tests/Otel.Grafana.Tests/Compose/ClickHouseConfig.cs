using System.Xml.Linq;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Grafana.Tests.Compose;

/// <summary>The ClickHouse server and Keeper configuration files under deploy/clickhouse that docker-compose.yml mounts.</summary>
internal static class ClickHouseConfig
{
    public const string Users = "deploy/clickhouse/users.d/otel-track-users.xml";
    public const string RemoteServers = "deploy/clickhouse/cluster/remote_servers.xml";
    public const string Macros = "deploy/clickhouse/cluster/macros.xml";
    public const string KeeperClient = "deploy/clickhouse/cluster/keeper.xml";
    public const string KeeperServer = "deploy/clickhouse/keeper/keeper_config.xml";

    public static XElement Load(string path)
    {
        var root = XDocument.Parse(RepositoryFiles.Read(path)).Root ?? throw new InvalidOperationException(path + " is empty");
        return root.Name.LocalName == "clickhouse" ? root : throw new InvalidOperationException($"{path}: the root element is <{root.Name}>, not <clickhouse>");
    }

    public static XElement Child(XElement parent, string name) =>
        parent.Element(name) ?? throw new Xunit.Sdk.XunitException($"<{parent.Name}> has no <{name}>");

    /// <summary>The variable an element takes its value from (<c>from_env="NAME"</c>), or null.</summary>
    public static string? FromEnvironment(XElement element) => element.Attribute("from_env")?.Value;
}
