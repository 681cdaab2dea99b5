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
}
