using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// A real training process whose exports cannot reach a collector: nothing listening, gRPC sent to the HTTP port,
/// HTTP/protobuf sent to the gRPC port. It exits 0, says so in one stderr line that names the endpoint and the
/// protocol, keeps the run under <c>$XDG_CACHE_HOME/otel-track/offline</c>, and a later process configured right
/// delivers it, every point once.
/// </summary>
public sealed class SdkDeliveryProcessTests
{
    private const int Points = 300;

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task NothingListening_OneStderrLine_RunKept_AndDeliveredWhenACollectorStartsThere(string protocol)
    {
        using var temp = new TempDirectory();
        var (grpcPort, httpPort) = (FreePort.Next(), FreePort.Next());
        var endpoint = $"http://127.0.0.1:{(protocol == "grpc" ? grpcPort : httpPort)}";
        var experiment = "down-" + Guid.NewGuid().ToString("N");

        var first = await TestProgramProcess.RunAsync(temp.Path, temp.Combine("cache"), endpoint, protocol, experiment, Points.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var runId = AssertReportedAndKept(first, temp, endpoint, protocol, "no collector answers at");
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"), "--grpc-port", grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--http-port", httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var second = await TestProgramProcess.RunAsync(temp.Path, temp.Combine("cache"), endpoint, protocol, experiment, "1");
        Assert.True(second.ExitCode == 0 && !second.Stderr.Contains("otel-track:", StringComparison.Ordinal), second.ToString());

        await AssertDeliveredOnceAsync(temp.Path, serve.Endpoint, runId);
        Assert.Empty(Directory.GetFiles(temp.Combine("cache"), "*.blob*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task WrongPortForTheProtocol_OneStderrLine_RunKept_AndDeliveredOnceConfiguredRight(string protocol)
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        var (right, wrong) = protocol == "grpc" ? (serve.Grpc, serve.Http) : (serve.Http, serve.Grpc);
        var wrongEndpoint = wrong.GetLeftPart(UriPartial.Authority);
        var experiment = "wrong-port-" + Guid.NewGuid().ToString("N");

        var first = await TestProgramProcess.RunAsync(temp.Path, temp.Combine("cache"), wrongEndpoint, protocol, experiment, Points.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var runId = AssertReportedAndKept(first, temp, wrongEndpoint, protocol, "does not take OTLP");
        var other = protocol == "grpc" ? "http/protobuf" : "grpc";
        Assert.Contains("OTEL_EXPORTER_OTLP_PROTOCOL=" + other, first.Stderr, StringComparison.Ordinal);
        var list = await CliProcess.RunAsync(temp.Path, "runs", "list", "--experiment", experiment, "--json", "--endpoint", serve.Endpoint);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(0, JsonDocument.Parse(list.Stdout).RootElement.GetArrayLength());

        var second = await TestProgramProcess.RunAsync(temp.Path, temp.Combine("cache"), right.GetLeftPart(UriPartial.Authority), protocol, experiment, "1");
        Assert.True(second.ExitCode == 0 && !second.Stderr.Contains("otel-track:", StringComparison.Ordinal), second.ToString());
        await AssertDeliveredOnceAsync(temp.Path, serve.Endpoint, runId);
    }

    /// <summary>Exit 0, exactly one <c>otel-track:</c> line naming endpoint and protocol, the run id on stdout, blobs on disk.</summary>
    private static string AssertReportedAndKept(CliResult result, TempDirectory temp, string endpoint, string protocol, string what)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("otel-track:", StringComparison.Ordinal));
        Assert.Contains(what, line, StringComparison.Ordinal);
        Assert.Contains(endpoint, line, StringComparison.Ordinal);
        Assert.Contains("OTLP " + protocol, line, StringComparison.Ordinal);
        var offline = Path.Combine(temp.Combine("cache"), "otel-track", "offline");
        Assert.Contains(offline, line, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(offline, "*.blob", SearchOption.AllDirectories));
        return result.Stdout.Trim();
    }

    private static async Task AssertDeliveredOnceAsync(string workingDirectory, string endpoint, string runId)
    {
        var show = await Eventually.UntilAsync(
            () => CliProcess.RunAsync(workingDirectory, "runs", "show", runId, "--json", "--endpoint", endpoint),
            show => show.ExitCode == 0 && IsFinishedWithAllPoints(JsonDocument.Parse(show.Stdout).RootElement),
            show => "the buffered run never arrived: " + show,
            TimeSpan.FromSeconds(60));
        var loss = JsonDocument.Parse(show.Stdout).RootElement.GetProperty("history").GetProperty("loss");
        Assert.Equal(Enumerable.Range(0, Points), loss.EnumerateArray().Select(p => p.GetProperty("step").GetInt32()));
    }

    private static bool IsFinishedWithAllPoints(JsonElement run) =>
        run.GetProperty("status").GetString() == "FINISHED"
        && run.GetProperty("history").TryGetProperty("loss", out var loss) && loss.GetArrayLength() >= Points;

}
