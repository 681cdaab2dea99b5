using Otel.Collector.Tests.Infrastructure;
using Otel.Grafana.Tests.Compose;

namespace Otel.Grafana.Tests.Provisioning;

public sealed class DashboardProviderProvisioningTests
{
    [Fact]
    public void DashboardProvider_IsAFileProviderOfTheComposeMountedDashboards()
    {
        var root = ProvisioningYaml.Load(ProvisioningYaml.DashboardProvider);
        Assert.Equal("1", ProvisioningYaml.Scalar(root, "apiVersion").Value);
        var provider = ProvisioningYaml.Single(root, "providers");
        Assert.Equal("file", ProvisioningYaml.Scalar(provider, "type").Value);
        Assert.Equal("true", ProvisioningYaml.Scalar(provider, "disableDeletion").Value);

        var options = ProvisioningYaml.Mapping(provider, "options");
        Assert.Equal(GrafanaPaths.DashboardsInContainer, ProvisioningYaml.Scalar(options, "path").Value);
        Assert.Equal("false", ProvisioningYaml.Scalar(options, "foldersFromFilesStructure").Value);

        // The path is where compose mounts the repository's dashboards/, for every Grafana of the stack.
        var grafanas = ComposeFile.Load().Services.Values.Where(service => service.Image?.StartsWith("grafana/grafana:", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(grafanas);
        Assert.All(grafanas, grafana => Assert.Contains(new ComposeVolume("./dashboards", GrafanaPaths.DashboardsInContainer, "ro"), grafana.Volumes));
    }

    [Fact]
    public void DashboardProvider_IsMountedWhereGrafanaLooksForProviders()
    {
        var mount = ComposeFile.Load().Services["grafana"].Volumes.Single(volume => volume.Target == "/etc/grafana/provisioning/dashboards");
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, mount.Source[2..], Path.GetFileName(ProvisioningYaml.DashboardProvider))));
    }
}
