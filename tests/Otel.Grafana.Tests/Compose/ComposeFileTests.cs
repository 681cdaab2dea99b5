using Otel.Collector.Tests.Infrastructure;

namespace Otel.Grafana.Tests.Compose;

public sealed class ComposeFileTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load();

    [Fact]
    public void Compose_DefaultServices_AreTheWholeStack()
    {
        Assert.Equal(["clickhouse", "collector", "demo", "demo-serve", "grafana"], Compose.DefaultServices.Select(service => service.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Compose_EveryPulledImage_IsPinnedToAVersionTag()
    {
        foreach (var service in Compose.Services.Values.Where(service => !service.IsBuilt))
        {
            var image = service.Image ?? throw new Xunit.Sdk.XunitException($"{service.Name} has neither image nor build");
            var colon = image.LastIndexOf(':');
            Assert.True(colon > image.LastIndexOf('/'), $"{service.Name}: image '{image}' has no tag");
            var tag = image[(colon + 1)..];
            Assert.NotEqual("latest", tag);
            Assert.Matches(@"^\d+\.\d+(\.\d+)*(-[a-z]+)?$", tag);
        }
    }

    [Fact]
    public void Compose_BuiltServices_ShareOneLocalImageFromTheDockerfile()
    {
        var built = Compose.Services.Values.Where(service => service.IsBuilt).ToList();
        Assert.Contains(built, service => service.Name == "collector");
        Assert.All(built, service =>
        {
            Assert.Equal("otel-track:local", service.Image);
            var build = ComposeService.Map(service.Definition, "build");
            Assert.Equal(".", build["context"]);
            Assert.Equal("Dockerfile", build["dockerfile"]);
        });
    }

    [Fact]
    public void Compose_EveryService_HasAHealthcheckWithATest()
    {
        Assert.All(Compose.Services.Values, service =>
        {
            var check = service.Healthcheck ?? throw new Xunit.Sdk.XunitException($"{service.Name} has no healthcheck");
            Assert.False(check.ContainsKey("disable"), service.Name);
            Assert.NotEmpty(ComposeService.List(check, "test"));
        });
    }

    [Fact]
    public void Compose_EveryDependency_WaitsForHealthyAndExistsInTheSameProfile()
    {
        foreach (var service in Compose.Services.Values)
        {
            foreach (var (dependency, condition) in service.DependsOn)
            {
                Assert.Equal("service_healthy", condition);
                var target = Assert.Contains(dependency, Compose.Services);
                Assert.True(target.Profiles.Count == 0 || target.Profiles.Intersect(service.Profiles).Any(),
                    $"{service.Name} depends on {dependency}, which its profile does not start");
            }
        }
    }

    [Fact]
    public void Compose_StartOrder_ClickHouseThenCollectorThenGrafanaAndDemo()
    {
        Assert.Contains("clickhouse", Compose.Services["collector"].DependsOn.Keys);
        Assert.Contains("collector", Compose.Services["grafana"].DependsOn.Keys);
        Assert.Contains("collector", Compose.Services["demo"].DependsOn.Keys);
        Assert.Contains("collector", Compose.Services["demo-serve"].DependsOn.Keys);
    }

    [Fact]
    public void Compose_EveryBindMountedPath_ExistsInTheRepository()
    {
        var mounts = Compose.Services.Values.SelectMany(service => service.Volumes).Where(volume => volume.IsBindMount).ToList();
        Assert.NotEmpty(mounts);
        Assert.All(mounts, volume =>
        {
            Assert.StartsWith("./", volume.Source, StringComparison.Ordinal);
            var path = Path.Combine(RepositoryFiles.Root, volume.Source[2..]);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{volume.Source} (mounted at {volume.Target}) is not in the repository");
            Assert.Equal("ro", volume.Mode);
        });
    }

    [Fact]
    public void Compose_NamedVolumes_AreDeclared()
    {
        var declared = ComposeService.Map(Compose.Root, "volumes").Keys.ToHashSet(StringComparer.Ordinal);
        var used = Compose.Services.Values.SelectMany(service => service.Volumes).Where(volume => !volume.IsBindMount).Select(volume => volume.Source);
        Assert.All(used, name => Assert.Contains(name, declared));
    }

    [Fact]
    public void Compose_Grafana_PreinstallsThePinnedClickHousePluginBeforeStart()
    {
        foreach (var grafana in Compose.Services.Values.Where(service => service.Image?.StartsWith("grafana/grafana:", StringComparison.Ordinal) == true))
        {
            // PREINSTALL_SYNC installs before Grafana serves; PREINSTALL (without _SYNC) would do it in the background.
            Assert.Matches(@"^grafana-clickhouse-datasource@\d+\.\d+\.\d+$", grafana.Environment["GF_PLUGINS_PREINSTALL_SYNC"]);
            Assert.False(grafana.Environment.ContainsKey("GF_PLUGINS_PREINSTALL"), grafana.Name);
            var version = Version.Parse(grafana.Image!["grafana/grafana:".Length..]);
            Assert.True(version >= new Version(11, 6), $"{grafana.Image}: the ClickHouse plugin 4.20 needs Grafana 11.6 or later");
        }
    }

    [Fact]
    public void Compose_Grafana_MountsTheProvisioningWhereGrafanaReadsIt()
    {
        var targets = Compose.Services["grafana"].Volumes.ToDictionary(volume => volume.Target, volume => volume.Source, StringComparer.Ordinal);
        Assert.Equal("./dashboards/provisioning/datasources", targets["/etc/grafana/provisioning/datasources"]);
        Assert.Equal("./dashboards/provisioning/dashboards", targets["/etc/grafana/provisioning/dashboards"]);
        Assert.Equal("./alerts", targets["/etc/grafana/provisioning/alerting"]);
        Assert.Equal("./dashboards", targets[GrafanaPaths.DashboardsInContainer]);
    }

    [Fact]
    public void Compose_Grafana_HomeDashboardIsAMountedDashboardFile()
    {
        var home = Compose.Services["grafana"].Environment["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"];
        Assert.StartsWith(GrafanaPaths.DashboardsInContainer + "/", home, StringComparison.Ordinal);
        Assert.Matches(@"^[a-z-]+\.json$", home[(GrafanaPaths.DashboardsInContainer.Length + 1)..]);
    }

    [Fact]
    public void Compose_EveryPublishedPort_IsOnLoopbackOnly()
    {
        var ports = Compose.Services.Values.SelectMany(service => service.Ports).ToList();
        Assert.NotEmpty(ports);
        Assert.All(ports, port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_Collectors_ServeTheServerStoreOnAllInterfacesInsecureWithinTheNetwork()
    {
        foreach (var collector in new[] { Compose.Services["collector"], Compose.Services["collector-cluster"] })
        {
            Assert.Equal("serve", collector.Command[0]);
            Assert.Equal("0.0.0.0", collector.CommandOption("--host"));
            Assert.Contains("--insecure", collector.Command);
            Assert.Equal("/var/lib/otel-track", collector.CommandOption("--data"));

            // The server store, from the environment (as --clickhouse): the password stays out of `ps`.
            Assert.DoesNotContain("--clickhouse", collector.Command);
            var url = new Uri(ComposeInterpolation.WithDefaults(collector.Environment["OTEL_TRACK_CLICKHOUSE_URL"]));
            Assert.Equal(8123, url.Port);
            Assert.StartsWith("otel_track:", url.UserInfo, StringComparison.Ordinal);
            Assert.Contains(url.Host, Compose.Services.Keys);
        }
    }

    [Fact]
    public void Compose_Demo_KeepsSendingToTheCollectorOfItsStack()
    {
        foreach (var (demo, collector) in new[] { ("demo", "collector"), ("demo-serve", "collector"), ("demo-cluster", "collector-cluster"), ("demo-serve-cluster", "collector-cluster") })
        {
            var service = Compose.Services[demo];
            Assert.Equal($"http://{collector}:4318", service.Environment["OTEL_TRACK_ENDPOINT"]);
            Assert.Equal("unless-stopped", service.Definition["restart"]);
        }

        // The trainer's loop reads its pause from the container's environment (merge keys replace a whole environment).
        foreach (var trainer in new[] { "demo", "demo-cluster" })
        {
            Assert.Contains("$OTEL_TRACK_DEMO_PAUSE_SECONDS", ComposeInterpolation.WithDefaults(Compose.Services[trainer].Command.Single()), StringComparison.Ordinal);
            Assert.Matches(@"^\d+$", ComposeInterpolation.WithDefaults(Compose.Services[trainer].Environment["OTEL_TRACK_DEMO_PAUSE_SECONDS"]));
        }

        var serve = Compose.Services["demo-serve"];
        Assert.Equal(["demo", "serve"], serve.Command.Take(2));
        Assert.True(int.Parse(serve.CommandOption("--drift-after")!, System.Globalization.CultureInfo.InvariantCulture) <= 60, "drift shows within a minute");
        Assert.Contains("otel-track demo ", Compose.Services["demo"].Command.Single(), StringComparison.Ordinal);
    }
}
