using Otel.Tracking.Query.Registry;

namespace Otel.Tracking.Serving.Tests.Infrastructure;

/// <summary>Served models as if resolved from the registry: <c>test</c> version 3, trained by run <c>run-3</c>.</summary>
internal static class TestModels
{
    public static ServedModel With(params BaselineDistribution[] distributions) =>
        Served(new ModelBaseline { Distributions = [.. distributions] }, environment: null);

    public static ServedModel Served(ModelBaseline? baseline, string? environment) =>
        new("models:/test@champion", new ModelVersion
        {
            Name = "test",
            Version = 3,
            RunId = "run-3",
            Experiment = "tests",
            Artifact = new ModelArtifact("model.bin", new string('a', 64), 1),
            CreatedBy = "alice",
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        }, baseline, environment);
}
