namespace Otel.Collector.Provenance;

/// <summary>One run's metadata completeness: the fraction of mandatory fields present, and which are present or missing.</summary>
internal sealed record RunCompleteness(string RunId, double Score, IReadOnlyList<string> Present, IReadOnlyList<string> Missing, ulong ComputedAtUnixNano);
