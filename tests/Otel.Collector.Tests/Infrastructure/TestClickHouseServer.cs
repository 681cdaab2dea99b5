using DotNet.Testcontainers.Builders;

namespace Otel.Collector.Tests.Infrastructure;

/// <summary>
/// A ClickHouse server for the server-backend tests: the URL in <see cref="UrlVariable"/>, else a
/// container started once per test process when Docker answers, else none (tests skip).
/// </summary>
internal static class TestClickHouseServer
{
    public const string UrlVariable = "OTEL_TRACK_TEST_CLICKHOUSE_URL";
    public const string SkipReason = "No ClickHouse server: set OTEL_TRACK_TEST_CLICKHOUSE_URL or run where Docker is available";

    private const string Image = "clickhouse/clickhouse-server:25.8";
    private const ushort HttpPort = 8123;
    private const string User = "otel";
    private const string Password = "otel-test-password";

    private static readonly Lazy<Task<string?>> Url = new(FindOrStartAsync);

    /// <summary>The server URL with credentials, or null when no server can be had.</summary>
    public static Task<string?> GetUrlAsync() => Url.Value;

    private static async Task<string?> FindOrStartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(UrlVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (!await DockerProbe.IsReachableAsync())
        {
            return null;
        }

        // Testcontainers' reaper removes the container when this process ends.
        var container = new ContainerBuilder(Image)
            .WithPortBinding(HttpPort, assignRandomHostPort: true)
            .WithEnvironment("CLICKHOUSE_USER", User)
            .WithEnvironment("CLICKHOUSE_PASSWORD", Password)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(HttpPort).ForPath("/ping")))
            .Build();
        await container.StartAsync().WaitAsync(TestTimeouts.ContainerStart);
        return $"http://{User}:{Password}@{container.Hostname}:{container.GetMappedPublicPort(HttpPort)}/";
    }
}
