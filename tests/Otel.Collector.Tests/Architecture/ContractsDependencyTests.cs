using System.Xml.Linq;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking;

namespace Otel.Collector.Tests.Architecture;

/// <summary>
/// The collector shares wire names and query types with the SDK and the CLI through Otel.Tracking.Contracts, and
/// does not reference the SDK, which would pull the OpenTelemetry SDK's OTLP exporter into the server.
/// </summary>
public sealed class ContractsDependencyTests
{
    private static readonly string[] NotForTheCollector = ["Otel.Tracking", "OpenTelemetry.Exporter.OpenTelemetryProtocol"];

    [Fact]
    public void CollectorAssembly_ReferencesNeitherTheSdkNorTheOtlpExporter()
    {
        var referenced = typeof(QueryApi).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Otel.Tracking.Contracts", referenced);
        Assert.Empty(referenced.Intersect(NotForTheCollector, StringComparer.Ordinal));
    }

    [Fact]
    public void CollectorProject_HasNoReferenceToTheSdkOrTheOtlpExporter()
    {
        // A reference the code does not use leaves no trace in the assembly, but still ships the package.
        var project = XDocument.Load(Path.Combine(RepositoryFiles.Root, "collector", "Otel.Collector", "Otel.Collector.csproj"));
        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "ProjectReference" or "PackageReference")
            .Select(e => Path.GetFileNameWithoutExtension((string?)e.Attribute("Include") ?? string.Empty))
            .ToList();

        Assert.Empty(references.Intersect(NotForTheCollector, StringComparer.Ordinal));
    }

    [Fact]
    public void ContractsAssembly_ReferencesOnlyTheFramework()
    {
        var referenced = typeof(MlSemanticConventions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Equal("Otel.Tracking.Contracts", typeof(MlSemanticConventions).Assembly.GetName().Name);
        Assert.All(referenced, name => Assert.True(name.StartsWith("System.", StringComparison.Ordinal), $"{name} is not part of the framework"));
    }

    [Theory]
    [InlineData("Client")]
    [InlineData("Output")]
    [InlineData("Reproduction")]
    public void CliClientFolder_ReadsTheApiThroughTheContractsOnly(string folder)
    {
        // The CLI hosts a collector for serve and demo, but what reads the API must not lean on the server's internals.
        var directory = Path.Combine(RepositoryFiles.Root, "src", "Otel.Cli", folder);
        Assert.True(Directory.Exists(directory), $"src/Otel.Cli/{folder} is missing: update this test");
        var offenders = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(file => File.ReadAllText(file).Contains("Otel.Collector", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(RepositoryFiles.Root, file))
            .ToList();

        Assert.Empty(offenders);
    }
}
