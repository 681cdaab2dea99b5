using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Grafana.Tests.Compose;

/// <summary>What the image would run, run here: the CLI the Dockerfile publishes, with the command and environment compose gives it.</summary>
public sealed partial class PublishedCollectorTests(DockerBuildSimulation build) : IClassFixture<DockerBuildSimulation>
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task PublishedCli_Help_ListsServeAndDemo()
    {
        using var help = await ChildProcess.RunAsync(AppHost(["--help"], build.App), TestTimeouts.Default);

        Assert.True(help.ExitCode == 0, help.Output);
        Assert.Contains("serve", help.Output, StringComparison.Ordinal);
        Assert.Contains("demo", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishedCollector_ComposeCommandOnTheServerStore_ServesHealthzAndNeverFetchesChDb()
    {
        using var directory = new TemporaryDirectory();
        var compose = ComposeFile.Load().Services["collector"];
        var command = compose.Command.ToList();
        command[command.IndexOf("--data") + 1] = directory.Sub("data");
        command.AddRange(["--grpc-port", "0", "--http-port", "0"]);

        // The stack's server URL, aimed at a port where nothing listens: the collector serves and keeps retrying.
        var url = new UriBuilder(ComposeInterpolation.WithDefaults(compose.Environment["OTEL_TRACK_CLICKHOUSE_URL"])) { Host = "127.0.0.1", Port = ClosedPort() };
        var info = AppHost(command, directory.Sub("work"));
        info.Environment["OTEL_TRACK_CLICKHOUSE_URL"] = url.Uri.ToString();
        info.Environment["XDG_CACHE_HOME"] = directory.Sub("cache");
        info.Environment["HOME"] = directory.Sub("home");
        info.Environment.Remove("OTEL_TRACK_CHDB_LIBRARY");

        using var collector = ChildProcess.Start(info);
        var api = await Eventually.UntilAsync(
            () => Task.FromResult(HttpEndpoint().Match(collector.Output)), match => match.Success, _ => "the collector did not start:\n" + collector.Output, StartTimeout);
        var port = new Uri(api.Groups[1].Value).Port;

        using (var http = new HttpClient { Timeout = TestTimeouts.Default })
        {
            using var healthz = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        }

        Assert.Equal(0, await HealthcheckAsync(port));
        Assert.False(Directory.Exists(Path.Combine(directory.Sub("cache"), "otel-track")), "the collector located or fetched chDB:\n" + collector.Output);
    }

    [Fact]
    public async Task ComposeHealthcheck_NothingListening_IsUnhealthy()
    {
        Assert.NotEqual(0, await HealthcheckAsync(ClosedPort()));
    }

    /// <summary>The compose (and Dockerfile) healthcheck command, aimed at <paramref name="port"/> instead of 4318.</summary>
    private static async Task<int> HealthcheckAsync(int port)
    {
        var test = ComposeService.List(ComposeFile.Load().Services["collector"].Healthcheck!, "test").Skip(1)
            .Select(word => word.Replace("/4318 ", $"/{port} ", StringComparison.Ordinal)).ToList();
        Assert.Contains(test, word => word.Contains($"/{port} ", StringComparison.Ordinal));
        using var check = await ChildProcess.RunAsync(ChildProcess.StartInfo(test[0], RepositoryFiles.Root, test.Skip(1)), TestTimeouts.Default);
        return check.ExitCode;
    }

    private System.Diagnostics.ProcessStartInfo AppHost(IEnumerable<string> arguments, string workingDirectory)
    {
        Directory.CreateDirectory(workingDirectory);
        var info = ChildProcess.StartInfo(Path.Combine(build.App, "otel-track"), workingDirectory, arguments);
        info.Environment["DOTNET_ROOT"] = DockerBuildSimulation.DotNetRoot;
        return info;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"OTLP HTTP and API (\S+?),")]
    private static partial Regex HttpEndpoint();
}
