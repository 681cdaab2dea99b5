using System.Text.Json;
using System.Text.RegularExpressions;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Grafana.Tests.Compose;

public sealed class DockerfileTests
{
    public const string CliProject = "src/Otel.Cli/Otel.Cli.csproj";

    private static readonly Dockerfile Docker = Dockerfile.Load();

    [Fact]
    public void Dockerfile_Stages_SdkBuildThenAspNetRuntime()
    {
        Assert.Equal(["build", "runtime"], Docker.Stages.Select(stage => stage.Name));
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", Docker.Stage("build").Image, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", Docker.Stage("runtime").Image, StringComparison.Ordinal);
        var fromBuild = Assert.Single(Docker.Stage("runtime").All("COPY"));
        Assert.Equal(["--from=build", "/app", "./"], fromBuild.Words);
    }

    [Fact]
    public void Dockerfile_BaseImages_ArePinnedToAPatchVersion()
    {
        Assert.All(Docker.Stages, stage => Assert.Matches(@"^\d+\.\d+\.\d+$", stage.ImageTag));
    }

    [Fact]
    public void Dockerfile_Sdk_IsTheFeatureBandGlobalJsonRollsForwardTo()
    {
        using var globalJson = JsonDocument.Parse(RepositoryFiles.Read("global.json"));
        var sdk = globalJson.RootElement.GetProperty("sdk");
        var wanted = Version.Parse(sdk.GetProperty("version").GetString()!);
        Assert.Equal("latestFeature", sdk.GetProperty("rollForward").GetString());

        var image = Version.Parse(Docker.Stage("build").ImageTag);
        Assert.Equal((wanted.Major, wanted.Minor), (image.Major, image.Minor));
        Assert.True(image >= wanted, $"sdk:{image} is older than global.json's {wanted}");
    }

    [Fact]
    public void Dockerfile_Runtime_IsTheTargetFrameworksVersion()
    {
        var framework = Regex.Match(RepositoryFiles.Read("Directory.Build.props"), @"<TargetFramework>net(\d+)\.(\d+)</TargetFramework>");
        Assert.True(framework.Success);
        var runtime = Version.Parse(Docker.Stage("runtime").ImageTag);
        Assert.Equal((int.Parse(framework.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(framework.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)), (runtime.Major, runtime.Minor));
    }

    [Fact]
    public void Dockerfile_RestoreLayer_CopiesOnlyTheProjectFilesTheCliBuildsFrom()
    {
        var build = Docker.Stage("build").Instructions;
        var restore = build.ToList().FindIndex(instruction => instruction.Keyword == "RUN" && instruction.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        Assert.True(restore > 0, "no RUN dotnet restore");
        Assert.Equal("dotnet restore " + CliProject, build[restore].Arguments);

        var copied = build.Take(restore).Where(instruction => instruction.Keyword == "COPY").SelectMany(instruction => instruction.Words.SkipLast(1)).ToList();
        Assert.All(copied, path => Assert.Matches(@"(\.csproj|^Directory\.(Build|Packages)\.props|^global\.json)$", path));
        Assert.Equal(ProjectReferences.Closure(CliProject).Order(StringComparer.Ordinal), copied.Where(path => path.EndsWith(".csproj", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Subset(copied.ToHashSet(StringComparer.Ordinal), new HashSet<string>(["global.json", "Directory.Build.props", "Directory.Packages.props"], StringComparer.Ordinal));

        // Then the sources, then a publish that reuses the restore.
        var rest = build.Skip(restore + 1).ToList();
        Assert.Equal(new DockerInstruction("COPY", ". ."), rest[0]);
        Assert.Equal("RUN", rest[1].Keyword);
        Assert.Equal(["dotnet", "publish", CliProject, "--configuration", "Release", "--no-restore", "--output", "/app"], rest[1].Words);
    }

    [Fact]
    public void Dockerfile_Runtime_NonRootWithHealthcheckOtlpPortsAndTheCli()
    {
        var runtime = Docker.Stage("runtime");
        var user = runtime.All("USER").Last().Arguments;
        Assert.DoesNotContain(user, (string[])["root", "0", "0:0"]);
        Assert.Equal(["4317", "4318"], Assert.Single(runtime.All("EXPOSE")).Words);
        Assert.Equal(["otel-track"], Assert.Single(runtime.All("ENTRYPOINT")).Words);
        Assert.Contains("/healthz", string.Join(" ", DockerHealthcheck.Command(runtime)), StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_Healthcheck_IsTheComposeCollectorsHealthcheck()
    {
        // One command, so that running it against a real collector (PublishedCollectorTests) covers both.
        var compose = ComposeService.List(ComposeFile.Load().Services["collector"].Healthcheck!, "test");
        Assert.Equal("CMD", compose[0]);
        Assert.Equal(DockerHealthcheck.Command(Docker.Stage("runtime")), compose.Skip(1));
    }

    [Fact]
    public void DockerIgnore_KeepsOutBuildOutputsDataDependenciesAndHistory()
    {
        var patterns = RepositoryFiles.Read(".dockerignore").ReplaceLineEndings("\n").Split('\n')
            .Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(patterns, new HashSet<string>(["**/bin", "**/obj", "**/node_modules", "**/otel-track-data", ".git", "**/*.so"], StringComparer.Ordinal));
        var ignore = DockerIgnore.Load();
        Assert.True(ignore.IsIgnored("src/Otel.Cli/bin/Debug/otel-track.dll"));
        Assert.True(ignore.IsIgnored("tests/Otel.Grafana.Tests/obj/project.assets.json"));
        Assert.False(ignore.IsIgnored(CliProject));
    }
}
