using Otel.Collector.Registry;
using Otel.Collector.Sinks.Rows;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Tests.Registry;

/// <summary>
/// Registered versions (with the frozen record the gates read) written straight through the registry writer, for
/// tests of what sits on top of versions.
/// </summary>
internal static class RegistrySeeds
{
    public static Task SeedAsync(
        this RegistryWriter writer, string name, long version, string registrant, Dictionary<string, double>? metrics = null,
        double? completeness = null, Dictionary<string, string>? provenance = null, List<ModelDataset>? datasets = null, bool archived = false) =>
        writer.WriteAsync(async (context, ct) =>
        {
            var batch = new RowBatch();
            if (version == 1)
            {
                RegistryRows.WriteModel(batch, new StoredModel(name, "", new Dictionary<string, string>(), registrant, context.Now, context.Now));
            }

            RegistryRows.WriteVersion(batch, new StoredVersion(new ModelVersion
            {
                Name = name,
                Version = version,
                RunId = $"run-{version}",
                Experiment = "seeded",
                Artifact = new ModelArtifact("model.bin", new string('a', 63) + version % 10, 1),
                Metrics = metrics ?? [],
                Completeness = completeness,
                Provenance = provenance ?? [],
                Datasets = datasets ?? [],
                Archived = archived,
                CreatedBy = registrant,
                CreatedAt = context.Now,
                UpdatedAt = context.Now,
            }, ""));
            await context.WriteAsync(batch, ct);
            return version;
        }, TestContext.Current.CancellationToken);
}
