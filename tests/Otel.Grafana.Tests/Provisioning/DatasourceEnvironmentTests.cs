using System.Globalization;
using System.Text.RegularExpressions;
using Otel.Grafana.Tests.Compose;
using YamlDotNet.RepresentationModel;

namespace Otel.Grafana.Tests.Provisioning;

/// <summary>The data source file after Grafana expands it with the environment compose gives each Grafana, read as the plugin reads it.</summary>
public sealed partial class DatasourceEnvironmentTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load();

    public static TheoryData<string> Grafanas => new(Compose.Services.Values.Where(service => service.Image?.StartsWith("grafana/grafana:", StringComparison.Ordinal) == true).Select(service => service.Name));

    [Theory]
    [MemberData(nameof(Grafanas))]
    public void Datasource_EveryVariable_IsSetByTheComposeGrafana(string grafana)
    {
        var environment = Compose.Services[grafana].Environment;
        var values = ProvisioningYaml.Load(ProvisioningYaml.Datasource).AllNodes.OfType<YamlScalarNode>().Select(scalar => scalar.Value ?? "");
        var variables = values.SelectMany(value => Variable().Matches(value).Select(match => match.Groups[1].Value)).Distinct().ToList();
        Assert.NotEmpty(variables);
        Assert.All(variables, variable => Assert.False(string.IsNullOrEmpty(ComposeInterpolation.WithDefaults(environment.GetValueOrDefault(variable, ""))), $"{grafana} does not set {variable}"));
    }

    [Theory]
    [MemberData(nameof(Grafanas))]
    public void ContactPoints_EveryVariable_IsSetByTheComposeGrafana(string grafana)
    {
        // A contact point whose key or URL expands to nothing is refused, and Grafana then provisions no alerting at all.
        var environment = Compose.Services[grafana].Environment;
        var values = ProvisioningYaml.Load("alerts/contact-points.yaml").AllNodes.OfType<YamlScalarNode>().Select(scalar => scalar.Value ?? "");
        var variables = values.SelectMany(value => Variable().Matches(value).Select(match => match.Groups[1].Value)).Distinct().ToList();
        Assert.NotEmpty(variables);
        Assert.All(variables, variable => Assert.False(string.IsNullOrEmpty(ComposeInterpolation.WithDefaults(environment.GetValueOrDefault(variable, ""))), $"{grafana} does not set {variable}"));
    }

    [Theory]
    [MemberData(nameof(Grafanas))]
    public void Datasource_Expanded_ReachesAClickHouseServiceOverHttpWithValuesThePluginParses(string grafana)
    {
        var environment = Compose.Services[grafana].Environment;
        var jsonData = ProvisioningYaml.Mapping(ProvisioningYaml.Single(ProvisioningYaml.Load(ProvisioningYaml.Datasource), "datasources"), "jsonData");
        string Expanded(string key) => Variable().Replace(ProvisioningYaml.Scalar(jsonData, key).Value ?? "", match => ComposeInterpolation.WithDefaults(environment[match.Groups[1].Value]));

        // The plugin takes host and port as given (a string port through strconv.ParseInt), over HTTP unless told native.
        var host = Expanded("host");
        Assert.Equal("clickhouse/clickhouse-server", Compose.Services[host].Image?.Split(':')[0]);
        Assert.Equal(8123, long.Parse(Expanded("port"), NumberStyles.None, CultureInfo.InvariantCulture));
        Assert.Equal("http", Expanded("protocol"));
        Assert.Equal("grafana", Expanded("username"));
        Assert.Equal("otel", Expanded("defaultDatabase"));

        // Timeouts: strconv.Atoi of the number; an unparsable one fails every query ("invalid timeout").
        Assert.All(new[] { "dialTimeout", "queryTimeout" }, key => Assert.True(int.TryParse(Expanded(key), NumberStyles.None, CultureInfo.InvariantCulture, out _), key));
        Assert.All(new[] { "traces", "logs" }, block =>
        {
            var otel = Assert.IsType<YamlMappingNode>(jsonData[block]);
            Assert.Equal("true", ProvisioningYaml.Scalar(otel, "otelEnabled").Value);
            Assert.Equal("otel_" + block, ProvisioningYaml.Scalar(otel, "defaultTable").Value);
        });
    }

    [GeneratedRegex(@"\$\{?([A-Z_][A-Z0-9_]*)\}?")]
    private static partial Regex Variable();
}
