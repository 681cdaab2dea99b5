using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary><c>serve --self-metrics-interval</c> on the real program.</summary>
public sealed class SelfMetricsProcessTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task Serve_SelfMetricsIntervalOutOfRange_RefusesToStartNamingTheFlag(string seconds)
    {
        using var temp = new TempDirectory();

        var serve = await CliProcess.RunAsync(temp.Path, "serve", "--data", temp.Combine("data"), "--grpc-port", "0", "--http-port", "0", "--self-metrics-interval", seconds);

        Assert.True(serve.ExitCode == 2, serve.ToString());
        Assert.Contains("--self-metrics-interval", serve.Stderr, StringComparison.Ordinal);
        Assert.Contains("between 0.1 and 86400", serve.Stderr, StringComparison.Ordinal);
    }
}
