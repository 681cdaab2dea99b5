namespace Otel.Grafana.Tests.Provisioning;

public sealed class DatasourceProvisioningTests
{
    [Fact]
    public void Datasource_IsTheClickHousePluginOverHttp_WithDefaultDatabaseNotDatabase()
    {
        var root = ProvisioningYaml.Load(ProvisioningYaml.Datasource);
        Assert.Equal("1", ProvisioningYaml.Scalar(root, "apiVersion").Value);
        var source = ProvisioningYaml.Single(root, "datasources");
        Assert.Equal(GrafanaDatasource.Uid, ProvisioningYaml.Scalar(source, "uid").Value);
        Assert.Equal(GrafanaDatasource.Type, ProvisioningYaml.Scalar(source, "type").Value);
        var jsonData = ProvisioningYaml.Mapping(source, "jsonData");
        Assert.Equal("http", ProvisioningYaml.Scalar(jsonData, "protocol").Value);

        // The plugin reads jsonData.defaultDatabase and ignores `database`: a file with only the latter queries `default`.
        Assert.False(string.IsNullOrWhiteSpace(ProvisioningYaml.Scalar(jsonData, "defaultDatabase").Value));
        Assert.DoesNotContain("database", jsonData.Children.Keys.Select(key => key.ToString()));
        Assert.DoesNotContain("database", source.Children.Keys.Select(key => key.ToString()));
    }
}
