using Otel.Collector.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Otel.Grafana.Tests.Provisioning;

public sealed class DatasourceProvisioningTests
{
    [Fact]
    public void Datasource_IsTheClickHousePluginOverHttp_WithDefaultDatabaseNotDatabase()
    {
        var yaml = new YamlStream();
        using (var reader = new StringReader(RepositoryFiles.Read("dashboards/provisioning/datasources/clickhouse.yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        Assert.Equal("1", Scalar(root, "apiVersion"));
        var source = Assert.IsType<YamlMappingNode>(Assert.Single(((YamlSequenceNode)root["datasources"]).Children));
        Assert.Equal(GrafanaDatasource.Uid, Scalar(source, "uid"));
        Assert.Equal(GrafanaDatasource.Type, Scalar(source, "type"));
        var jsonData = (YamlMappingNode)source["jsonData"];
        Assert.Equal("http", Scalar(jsonData, "protocol"));

        // The plugin reads jsonData.defaultDatabase and ignores `database`: a file with only the latter queries `default`.
        Assert.False(string.IsNullOrWhiteSpace(Scalar(jsonData, "defaultDatabase")));
        Assert.False(jsonData.Children.ContainsKey(new YamlScalarNode("database")));
        Assert.False(source.Children.ContainsKey(new YamlScalarNode("database")));
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value ?? "";
}
