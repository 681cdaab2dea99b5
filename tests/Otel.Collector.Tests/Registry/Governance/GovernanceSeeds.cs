using Otel.Collector.Registry;
using Otel.Collector.Sinks.Rows;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Tests.Registry.Governance;

/// <summary>Registered versions with the frozen record the gates read, written straight through the registry writer.</summary>
internal static class GovernanceSeeds
{
    public static Task SeedAsync(
        this RegistryWriter writer, string name, long version, string registrant, Dictionary<string, double>? metrics = null,
        double? completeness = null, Dictionary<string, string>? provenance = null, List<ModelDataset>? datasets = null) =>
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
                CreatedBy = registrant,
                CreatedAt = context.Now,
                UpdatedAt = context.Now,
            }, ""));
            await context.WriteAsync(batch, ct);
            return version;
        }, TestContext.Current.CancellationToken);
}
