namespace Otel.Collector.Registry.Governance;

/// <summary>What the gates read of a version: its frozen record (docs/governance.md, "Gates").</summary>
internal sealed record GateCandidate(
    long Version,
    string CreatedBy,
    IReadOnlyDictionary<string, double> Metrics,
    double? Completeness,
    IReadOnlyDictionary<string, string> Provenance,
    IReadOnlyList<GateDataset> Datasets);

/// <summary>A dataset frozen with a version: its name and digest as the run logged them.</summary>
internal sealed record GateDataset(string Name, string Digest);

internal static class GateCandidates
{
    /// <summary>The frozen record of a registered version, as the gates read it.</summary>
    public static GateCandidate From(Otel.Tracking.Query.Registry.ModelVersion version) => new(
        version.Version, version.CreatedBy, version.Metrics, version.Completeness, version.Provenance,
        [.. version.Datasets.Select(d => new GateDataset(d.Name, d.Digest))]);
}
