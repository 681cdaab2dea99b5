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
