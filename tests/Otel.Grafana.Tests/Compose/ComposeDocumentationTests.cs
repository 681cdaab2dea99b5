using Otel.Collector.Tests.Infrastructure;

namespace Otel.Grafana.Tests.Compose;

public sealed class ComposeDocumentationTests
{
    [Fact]
    public void GrafanaDoc_NamesEveryServiceAndPublishedPort()
    {
        var doc = RepositoryFiles.Read("docs/grafana.md");
        var compose = ComposeFile.Load();
        Assert.All(compose.DefaultServices, service => Assert.Contains($"`{service.Name}`", doc, StringComparison.Ordinal));
        Assert.All(compose.Services.Values.Where(service => service.Name.EndsWith("-cluster", StringComparison.Ordinal)),
            service => Assert.Contains($"`{service.Name}`", doc, StringComparison.Ordinal));

        // Published as 127.0.0.1:HOST:CONTAINER; the doc names each host port.
        var hostPorts = compose.Services.Values.SelectMany(service => service.Ports).Select(port => port.Split(':')[1]).ToList();
        Assert.All(hostPorts, port => Assert.Contains(port, doc, StringComparison.Ordinal));
    }
}
