using Otel.Collector.Registry;
using Otel.Collector.Sinks.Rows;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Tests.Registry;

/// <summary>Version rows written straight through the writer, for tests of what sits on top of versions.</summary>
internal static class RegistrySeeds
{
    public static Task SeedVersionAsync(this RegistryCollector collector, string name, long version, bool archived = false) =>
        collector.Writer.WriteAsync(async (context, ct) =>
        {
            var batch = new RowBatch();
            RegistryRows.WriteVersion(batch, new StoredVersion(new ModelVersion
            {
                Name = name,
                Version = version,
                RunId = $"run-{version}",
                Experiment = "seeded",
                Artifact = new ModelArtifact("model.bin", new string('a', 63) + version % 10, 1),
                Archived = archived,
                CreatedBy = "seed",
                CreatedAt = context.Now,
                UpdatedAt = context.Now,
            }, ""));
            await context.WriteAsync(batch, ct);
            return version;
        }, RegistryCollector.Cancellation).Within();
}
