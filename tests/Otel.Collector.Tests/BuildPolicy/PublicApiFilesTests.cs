using System.Xml.Linq;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.BuildPolicy;

/// <summary>
/// The libraries others compile against track their public surface with PublicApiAnalyzers. The analyzer only sees
/// the files a project lists, and without <c>#nullable enable</c> first it ignores nullability, so both are checked.
/// </summary>
public sealed class PublicApiFilesTests
{
    [Theory]
    [InlineData("src/Otel.Tracking/Otel.Tracking.csproj")]
    [InlineData("src/Otel.Tracking.Contracts/Otel.Tracking.Contracts.csproj")]
    [InlineData("src/Otel.Tracking.Serving/Otel.Tracking.Serving.csproj")]
    public void LibraryProject_TracksItsPublicApiWithNullability(string projectPath)
    {
        var project = XDocument.Load(Path.Combine(RepositoryFiles.Root, projectPath));
        var directory = Path.GetDirectoryName(projectPath)!;

        Assert.Contains(project.Descendants("PackageReference"), e => (string?)e.Attribute("Include") == "Microsoft.CodeAnalysis.PublicApiAnalyzers");
        foreach (var file in new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" })
        {
            Assert.Contains(project.Descendants("AdditionalFiles"), e => (string?)e.Attribute("Include") == file);
            var firstLine = RepositoryFiles.Read(Path.Combine(directory, file)).Split('\n')[0];
            Assert.True(firstLine == "#nullable enable", $"{directory}/{file} must start with '#nullable enable', not '{firstLine}'");
        }
    }
}
