using System.Text;
using Otel.Tracking.EnvironmentCapture;
using static Otel.Tracking.MlSemanticConventions;

namespace Otel.Tracking.Tests.EnvironmentCapture;

public sealed class ProcessDetectorTests
{
    [Fact]
    public void DepsJson_Sample_ListsOnlyPackagesSortedAsNameSlashVersion()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(SampleDepsJson.Text));

        Assert.Equal(["Google.Protobuf/3.36.2", "OpenTelemetry/1.20.1"], DepsJsonPackages.Parse(stream));
    }

    [Fact]
    public void DepsJson_WithoutLibraries_IsEmpty()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"targets\":{}}"));

        Assert.Empty(DepsJsonPackages.Parse(stream));
    }

    [Fact]
    public void Detect_ThisTestHost_HasRuntimeCommandLineAndItsPackages()
    {
        var process = ProcessDetector.Detect();

        Assert.Equal(".NET", process[ProcessRuntimeName]);
        Assert.Equal(Environment.Version.ToString(), process[ProcessRuntimeVersion]);
        Assert.StartsWith(".NET", (string)process[ProcessRuntimeDescription]!, StringComparison.Ordinal);
        Assert.Equal((long)Environment.ProcessId, process[ProcessPid]);
        Assert.Equal(Environment.UserName, process[ProcessOwner]);
        Assert.Equal(Environment.CurrentDirectory, process[ProcessWorkingDirectory]);
        Assert.Equal(Environment.ProcessPath, process[ProcessExecutablePath]);
        Assert.False(string.IsNullOrEmpty((string?)process[ProcessCommandLine]));
        var arguments = Assert.IsType<string[]>(process[ProcessCommandArgs]);
        Assert.Equal(Environment.GetCommandLineArgs()[1..], arguments[^(Environment.GetCommandLineArgs().Length - 1)..]);

        // The test project's own references, with the versions pinned in Directory.Packages.props.
        var packages = Assert.IsType<string[]>(process[ProcessPackages]);
        Assert.Contains(packages, p => p.StartsWith("OpenTelemetry/", StringComparison.Ordinal));
        Assert.Contains(packages, p => p.StartsWith("xunit.v3", StringComparison.Ordinal));
        Assert.Equal(packages.Order(StringComparer.Ordinal), packages);
    }

    [Theory]
    [InlineData(new[] { "train", "--password=hunter2", "--lr=0.1" }, "train --password=[REDACTED] --lr=0.1")]
    [InlineData(new[] { "train", "--token", "abc", "--epochs", "3" }, "train --token [REDACTED] --epochs 3")]
    [InlineData(new[] { "train", "--api-key", "k", "--apiKey=k", "--OPENAI_API_KEY=k" }, "train --api-key [REDACTED] --apiKey=[REDACTED] --OPENAI_API_KEY=[REDACTED]")]
    [InlineData(new[] { "train", "--hf-token", "hf_x", "--client-secret:s" }, "train --hf-token [REDACTED] --client-secret:[REDACTED]")]
    [InlineData(new[] { "train", "--max-tokens", "512", "--tokenizer", "bpe", "--keyword", "k" }, "train --max-tokens 512 --tokenizer bpe --keyword k")]
    [InlineData(new[] { "train", "--token", "--verbose" }, "train --token --verbose")]
    [InlineData(new[] { "serve", "--clickhouse", "http://default:pw@host:8123/" }, "serve --clickhouse http://default:[REDACTED]@host:8123/")]
    [InlineData(new[] { "serve", "--endpoint=https://ghp_x@github.com/o/r" }, "serve --endpoint=https://[REDACTED]@github.com/o/r")]
    [InlineData(new[] { "train", "--name", "my run" }, "train --name \"my run\"")]
    public void CommandLine_ObviousSecretsAreRedacted(string[] arguments, string expected) =>
        Assert.Equal(expected, CommandLineRedaction.Join(arguments));
}
