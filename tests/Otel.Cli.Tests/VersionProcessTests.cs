using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary><c>otel-track --version</c> prints the version, not the root help (review finding 3); help stays as it was.</summary>
public sealed class VersionProcessTests
{
    [Fact]
    public async Task Version_PrintsTheVersionAlone_AndSucceeds()
    {
        using var temp = new TempDirectory();
        var result = await CliProcess.RunAsync(temp.Path, ["--version"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Stderr);
        Assert.Matches(@"^\d+\.\d+\.\d+\S*\n$", result.Stdout);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public async Task Help_PrintsTheRootHelp_AndSucceeds(string flag)
    {
        using var temp = new TempDirectory();
        var result = await CliProcess.RunAsync(temp.Path, [flag]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Stderr);
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--version", result.Stdout, StringComparison.Ordinal);
    }
}
