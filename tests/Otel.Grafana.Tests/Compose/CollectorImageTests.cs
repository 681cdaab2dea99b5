using System.Net;
using DotNet.Testcontainers.Builders;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Grafana.Tests.Compose;

/// <summary>The image itself, where a Docker engine answers: built from the Dockerfile and started as the stack starts it.</summary>
public sealed class CollectorImageTests
{
    private const ushort HttpPort = 4318;
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(20);

    [Fact]
    public async Task CollectorImage_BuiltFromTheDockerfile_IsHealthyAndAnswersHealthzAsNonRoot()
    {
        Assert.SkipUnless(await DockerProbe.IsReachableAsync(), "No Docker engine answers (DOCKER_HOST or /var/run/docker.sock): building the image needs one");

        var image = new ImageFromDockerfileBuilder()
            .WithDockerfileDirectory(RepositoryFiles.Root)
            .WithDockerfile(Dockerfile.Path)
            .WithName("otel-track:test-" + Guid.NewGuid().ToString("N")[..12])
            .WithCleanUp(true)
            .Build();
        await image.CreateAsync(TestContext.Current.CancellationToken).WaitAsync(BuildTimeout, TestContext.Current.CancellationToken);

        // The compose collector's command; its ClickHouse is not there, so the collector serves and keeps retrying.
        var compose = ComposeFile.Load().Services["collector"];
        await using var container = new ContainerBuilder(image)
            .WithCommand([.. compose.Command])
            .WithEnvironment("OTEL_TRACK_CLICKHOUSE_URL", "http://otel_track:unused@127.0.0.1:1/")
            .WithPortBinding(HttpPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilContainerIsHealthy())
            .Build();
        await container.StartAsync(TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.ContainerStart, TestContext.Current.CancellationToken);

        using var http = new HttpClient { Timeout = TestTimeouts.Default };
        using var healthz = await http.GetAsync(new Uri($"http://{container.Hostname}:{container.GetMappedPublicPort(HttpPort)}/healthz"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);

        var user = await container.ExecAsync(["id", "-u"], TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
        Assert.NotEqual("0", user.Stdout.Trim());
    }
}
