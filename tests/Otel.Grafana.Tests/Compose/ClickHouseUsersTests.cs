using System.Xml.Linq;

namespace Otel.Grafana.Tests.Compose;

public sealed class ClickHouseUsersTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load();
    private static readonly XElement Config = ClickHouseConfig.Load(ClickHouseConfig.Users);

    private static XElement User(string name) => ClickHouseConfig.Child(ClickHouseConfig.Child(Config, "users"), name);

    private static IEnumerable<ComposeService> Servers => Compose.Services.Values
        .Where(service => service.Image?.StartsWith("clickhouse/clickhouse-server:", StringComparison.Ordinal) == true);

    [Fact]
    public void GrafanaUser_IsReadOnly_WithOnlyTheTimeoutItsClientSetsChangeable()
    {
        var profileName = ClickHouseConfig.Child(User("grafana"), "profile").Value;
        var profile = ClickHouseConfig.Child(ClickHouseConfig.Child(Config, "profiles"), profileName);
        Assert.Equal("1", ClickHouseConfig.Child(profile, "readonly").Value);

        // clickhouse-go sends max_execution_time with every query that has a deadline; readonly = 1 refuses any other setting.
        var constraints = ClickHouseConfig.Child(profile, "constraints").Elements().ToList();
        var constraint = Assert.Single(constraints);
        Assert.Equal("max_execution_time", constraint.Name.LocalName);
        Assert.NotNull(constraint.Element("changeable_in_readonly"));

        var grant = Assert.Single(ClickHouseConfig.Child(User("grafana"), "grants").Elements("query"));
        Assert.Equal("GRANT SELECT ON otel.*", grant.Value);
    }

    [Fact]
    public void WriterUser_HasTheCollectorsDatabaseAndOnClusterDdl()
    {
        var grants = ClickHouseConfig.Child(User("otel_track"), "grants").Elements("query").Select(query => query.Value).ToList();
        Assert.Equal(["GRANT ALL ON otel.*", "GRANT CLUSTER ON *.*"], grants);
    }

    [Fact]
    public void DefaultUser_OnlyFromInsideTheContainer()
    {
        var networks = ClickHouseConfig.Child(User("default"), "networks");
        Assert.Equal("replace", networks.Attribute("replace")?.Value);
        Assert.Equal(["127.0.0.1", "::1"], networks.Elements("ip").Select(ip => ip.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryServer_MountsTheUsersAndSetsTheirPasswords()
    {
        var passwordVariables = new[] { "otel_track", "grafana" }.Select(user => ClickHouseConfig.FromEnvironment(ClickHouseConfig.Child(User(user), "password"))!).ToList();
        Assert.All(Servers, server =>
        {
            Assert.Contains(server.Volumes, volume => volume.Source == "./" + ClickHouseConfig.Users && volume.Target.StartsWith("/etc/clickhouse-server/users.d/", StringComparison.Ordinal));
            Assert.Equal("1", server.Environment["CLICKHOUSE_SKIP_USER_SETUP"]);
            Assert.All(passwordVariables, variable => Assert.NotEmpty(ComposeInterpolation.WithDefaults(server.Environment[variable])));
        });
    }

    [Fact]
    public void CollectorsAndGrafana_LogInAsTheUsersWithThePasswordsTheServersGet()
    {
        var server = Compose.Services["clickhouse"].Environment;
        var writerPassword = ComposeInterpolation.WithDefaults(server[ClickHouseConfig.FromEnvironment(ClickHouseConfig.Child(User("otel_track"), "password"))!]);
        var grafanaPassword = ComposeInterpolation.WithDefaults(server[ClickHouseConfig.FromEnvironment(ClickHouseConfig.Child(User("grafana"), "password"))!]);

        foreach (var collector in new[] { "collector", "collector-cluster" })
        {
            var url = new Uri(ComposeInterpolation.WithDefaults(Compose.Services[collector].Environment["OTEL_TRACK_CLICKHOUSE_URL"]));
            Assert.Equal("otel_track:" + writerPassword, url.UserInfo);
        }

        foreach (var grafana in new[] { "grafana", "grafana-cluster" })
        {
            var environment = Compose.Services[grafana].Environment;
            Assert.Equal("grafana", environment["OTEL_TRACK_CLICKHOUSE_USER"]);
            Assert.Equal(grafanaPassword, ComposeInterpolation.WithDefaults(environment["OTEL_TRACK_CLICKHOUSE_PASSWORD"]));
        }
    }
}
