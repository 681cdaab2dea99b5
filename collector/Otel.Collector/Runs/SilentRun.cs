namespace Otel.Collector.Runs;

/// <summary>A RUNNING run nobody has heard from for too long, with the columns its LOST row keeps and the version of its row.</summary>
internal sealed record SilentRun(
    string RunId, string Experiment, string RunName, string ParentRunId, ulong StartTimeUnixNano, string ServiceName,
    string TraceId, IReadOnlyList<KeyValuePair<string, string>> Provenance, string Reproduces, long? TotalSteps, ulong Version);
