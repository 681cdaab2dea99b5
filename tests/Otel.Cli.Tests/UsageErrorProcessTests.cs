using System.Net;
using System.Net.Sockets;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// Help and errors through the real program (issue 12, part 3): a bare group prints its help, a typo gets "did you
/// mean", and serve refuses a taken port or a held data directory in one line.
/// </summary>
public sealed class UsageErrorProcessTests
{
    [Theory]
    [InlineData("")]
    [InlineData("runs")]
    [InlineData("models")]
    [InlineData("slo")]
    [InlineData("drift")]
    [InlineData("keys")]
    [InlineData("audit")]
    [InlineData("retention")]
    [InlineData("artifacts")]
    [InlineData("schema")]
    [InlineData("bench")]
    public async Task BareGroup_PrintsItsHelpOnStdout_AndSucceeds(string group)
    {
        using var temp = new TempDirectory();
        var result = await CliProcess.RunAsync(temp.Path, group.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Stderr);
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Commands:", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rnus list", "otel-track: unknown command 'rnus'. Did you mean 'runs'?")]
    [InlineData("runs lsit", "otel-track: unknown command 'runs lsit'. Did you mean 'runs list'?")]
    [InlineData("runs list --experimnet demo", "otel-track: unknown option '--experimnet'. Did you mean '--experiment'?")]
    [InlineData("modles list --json", "otel-track: unknown command 'modles'. Did you mean 'models'?")]
    [InlineData("frobnicate", "otel-track: unknown command 'frobnicate'. Run `otel-track --help` to see the commands.")]
    [InlineData("runs list --zzz", "otel-track: unknown option '--zzz'. Run `otel-track runs list --help` to see its options.")]
    public async Task Typo_OneLineWithTheNearestName_ExitsUsage(string args, string expected)
    {
        using var temp = new TempDirectory();
        var result = await CliProcess.RunAsync(temp.Path, args.Split(' '));
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.Stdout);
        Assert.Equal(expected, result.Stderr.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("--http-port")]
    [InlineData("--grpc-port")]
    [InlineData("--sql-port")]
    public async Task Serve_PortInUse_OneLineNamingThePortAndItsFlag(string flag)
    {
        using var temp = new TempDirectory();
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] ports = flag switch
        {
            "--http-port" => ["--grpc-port", "0", "--http-port", port],
            "--grpc-port" => ["--grpc-port", port, "--http-port", "0"],
            _ => ["--grpc-port", "0", "--http-port", "0", "--sql-port", port],
        };

        var result = await CliProcess.RunAsync(temp.Path, ["serve", "--data", temp.Combine("data"), .. ports]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(result.Stdout);
        Assert.Equal($"otel-track: port {port} on 127.0.0.1 is already in use (another otel-track serve?): pass {flag} with a free port, or {flag} 0 to pick one", result.Stderr.TrimEnd('\n'));
    }

    [Fact]
    public async Task DataDirectoryHeldByACollector_ServeAndDemoSayToUseItsEndpoint()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("data");
        await using var serve = await ServeProcess.StartAsync(data);
        var expected = $"otel-track: the data directory {data} is in use by a running collector: reach it with --endpoint {serve.Endpoint}, or use another --data directory";

        foreach (var command in new[] { new[] { "serve", "--data", data, "--grpc-port", "0", "--http-port", "0" }, ["demo", "--data", data] })
        {
            var result = await CliProcess.RunAsync(temp.Path, command);
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Equal(expected, result.Stderr.TrimEnd('\n'));
        }

        // The collector that holds it is untouched and still answers.
        var list = await CliProcess.RunAsync(temp.Path, "runs", "list", "--json", "--endpoint", serve.Endpoint);
        Assert.True(list.ExitCode == 0, list.ToString());

        // A clean stop takes its address away with it.
        var address = Path.Combine(data, "serve.address");
        Assert.True(File.Exists(address));
        Assert.Equal(0, await serve.TerminateAsync());
        Assert.False(File.Exists(address), "serve.address must go with a clean stop");
    }

    [Fact]
    public async Task DataDirectoryOfAServeKilledHard_TheNextServeNamesItsOwnEndpoint()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("data");
        string stale;
        await using (var killed = await ServeProcess.StartAsync(data))
        {
            stale = killed.Endpoint;
            await killed.KillHardAsync();
        }

        Assert.Contains(stale, await File.ReadAllTextAsync(Path.Combine(data, "serve.address"), TestContext.Current.CancellationToken), StringComparison.Ordinal);

        await using var serve = await ServeProcess.StartAsync(data);
        var result = await CliProcess.RunAsync(temp.Path, "demo", "--data", data);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal($"otel-track: the data directory {data} is in use by a running collector: reach it with --endpoint {serve.Endpoint}, or use another --data directory", result.Stderr.TrimEnd('\n'));
    }
}
