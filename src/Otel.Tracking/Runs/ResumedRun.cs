using Otel.Tracking.Query;

namespace Otel.Tracking.Runs;

/// <summary>What a process resuming a run needs to know of it, read from the collector's query API.</summary>
internal sealed record ResumedRun(
    string Id, string Experiment, string Name, string? ParentRunId, DateTimeOffset StartTime,
    IReadOnlyDictionary<string, string> Params, IReadOnlyDictionary<string, long> LastSteps)
{
    public static ResumedRun From(RunDetail run) => new(
        run.Id, run.Experiment, run.Name, run.ParentId, run.StartTime, run.Params,
        run.MetricSummaries.ToDictionary(m => m.Key, m => m.Value.LastStep, StringComparer.Ordinal));

    public RunOptions Options() => new() { Experiment = Experiment, Name = Name, ParentRunId = ParentRunId };

    /// <summary>Params keep their values; each metric's implicit step continues after its last one.</summary>
    public void SeedInto(Dictionary<string, string> paramText, Dictionary<string, long> nextStep)
    {
        foreach (var (key, text) in Params)
        {
            paramText[key] = text;
        }

        foreach (var (key, lastStep) in LastSteps)
        {
            nextStep[key] = lastStep == long.MaxValue ? lastStep : lastStep + 1;
        }
    }
}
