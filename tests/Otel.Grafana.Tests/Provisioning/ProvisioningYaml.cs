using Otel.Collector.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Otel.Grafana.Tests.Provisioning;

/// <summary>A provisioning file of dashboards/provisioning as YAML nodes, as Grafana reads it before expanding $VARS.</summary>
internal static class ProvisioningYaml
{
    public const string Datasource = "dashboards/provisioning/datasources/clickhouse.yaml";
    public const string DashboardProvider = "dashboards/provisioning/dashboards/otel-track.yaml";

    public static YamlMappingNode Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(RepositoryFiles.Read(path)))
        {
            yaml.Load(reader);
        }

        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    public static YamlMappingNode Mapping(YamlMappingNode node, string key) => Assert.IsType<YamlMappingNode>(node[key]);

    public static YamlScalarNode Scalar(YamlMappingNode node, string key) => Assert.IsType<YamlScalarNode>(node[key]);

    /// <summary>The only item of a list such as <c>datasources</c> or <c>providers</c>.</summary>
    public static YamlMappingNode Single(YamlMappingNode root, string key) =>
        Assert.IsType<YamlMappingNode>(Assert.Single(Assert.IsType<YamlSequenceNode>(root[key]).Children));
}
