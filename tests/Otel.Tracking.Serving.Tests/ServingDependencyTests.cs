namespace Otel.Tracking.Serving.Tests;

/// <summary>An inference service takes the serving library without the training SDK or an exporter it did not choose.</summary>
public sealed class ServingDependencyTests
{
    [Fact]
    public void ServingAssembly_ReferencesNeitherTheTrainingSdkNorAnExporter()
    {
        var references = typeof(PredictionRecorder).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Otel.Tracking.Contracts", references);
        Assert.DoesNotContain("Otel.Tracking", references);
        Assert.DoesNotContain(references, name => name!.StartsWith("OpenTelemetry.Exporter", StringComparison.Ordinal));
    }
}
