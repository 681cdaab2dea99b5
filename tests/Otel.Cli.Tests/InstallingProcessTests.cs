using System.IO.Compression;
using System.Xml.Linq;
using Otel.Cli.Tests.Infrastructure;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// A newcomer on a clean clone: the README's quick start and its "Installing" commands, pasted verbatim into bash,
/// then the packages they built. Slow (each builds the product); one clone for the class.
/// </summary>
public sealed class InstallingProcessTests(CleanClone clone) : IClassFixture<CleanClone>
{
    private static readonly string Readme = RepositoryFiles.Read("README.md");

    [Fact]
    public async Task QuickStart_ReadmeCommands_RunVerbatimAndPrintTheLeaderboard()
    {
        // `dotnet test` is the other command of the two: this test is part of it.
        var commands = ReadmeBlocks.Commands(Readme, "## The two commands").Where(c => !c.StartsWith("dotnet test", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(commands);

        var result = await clone.RunAsync(string.Join('\n', commands), isolatedHome: false);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("demo-logistic-regression", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("val_accuracy", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Installing_ReadmeCommands_InstallATool_ThatRunsAndCompletes()
    {
        var commands = ReadmeBlocks.Commands(Readme, "## Installing");
        // After the README's lines, the installed tool (found on PATH as the README puts it there) completes a command.
        const string complete = """
            COMP_LINE="otel-track runs li"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(otel-track runs li); COMP_CWORD=2
            _otel_track_complete
            echo "completed: ${COMPREPLY[*]}"
            echo "tool: $(command -v otel-track)"
            """;

        var result = await clone.RunAsync(string.Join('\n', commands) + "\n" + complete, isolatedHome: true);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("completed: list", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"tool: {clone.Home}/.dotnet/tools/otel-track", result.Stdout, StringComparison.Ordinal);

        var packages = Path.Combine(clone.Root, "artifacts", "packages");
        var head = (await clone.RunAsync("git rev-parse HEAD", isolatedHome: false)).Stdout.Trim();
        foreach (var id in (string[])["Otel.Track.Cli", "Otel.Tracking", "Otel.Tracking.Contracts"])
        {
            AssertPackageMetadata(Directory.GetFiles(packages).Single(file => IsPackage(file, id, ".nupkg")), id, head);
            Assert.Single(Directory.GetFiles(packages), file => IsPackage(file, id, ".snupkg"));
        }
    }

    [Fact]
    public async Task CollectorProjects_AreNotPackable_WhileTheSdkIs()
    {
        var result = await clone.RunAsync("""
            for project in collector/Otel.Collector/Otel.Collector.csproj collector/Otel.Collector.ClickHouse/Otel.Collector.ClickHouse.csproj src/Otel.Tracking/Otel.Tracking.csproj; do
              echo "$project $(dotnet msbuild "$project" -getProperty:IsPackable)"
            done
            """, isolatedHome: false);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("collector/Otel.Collector/Otel.Collector.csproj false", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("collector/Otel.Collector.ClickHouse/Otel.Collector.ClickHouse.csproj false", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("src/Otel.Tracking/Otel.Tracking.csproj true", result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>ID.VERSION.EXTENSION, the version starting with a digit (so Otel.Tracking is not Otel.Tracking.Contracts).</summary>
    private static bool IsPackage(string file, string id, string extension)
    {
        var name = Path.GetFileName(file);
        return name.StartsWith(id + ".", StringComparison.Ordinal) && name.EndsWith(extension, StringComparison.Ordinal) && char.IsAsciiDigit(name[id.Length + 1]);
    }

    private static void AssertPackageMetadata(string package, string id, string commit)
    {
        using var zip = ZipFile.OpenRead(package);
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal(id, Value("id"));
        Assert.Equal("LICENSE", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")) || Value("description") == "Package Description", $"{id} has no description");
        Assert.Equal(commit, metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("commit")?.Value);
        Assert.Contains(zip.Entries, e => e.FullName == "LICENSE");
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
    }
}
