using Otel.Tracking.Query;

namespace Otel.Tracking.Runs;

/// <summary>What a process resuming a run needs to know of it, read from the collector's query API.</summary>
internal sealed record ResumedRun(
    string Id, string Experiment, string Name, string? ParentRunId, DateTimeOffset StartTime, long? TotalSteps,
    IReadOnlyDictionary<string, string> Params, IReadOnlyDictionary<string, long> LastSteps)
{
    public static ResumedRun From(RunDetail run) => new(
        run.Id, run.Experiment, run.Name, run.ParentId, run.StartTime, run.TotalSteps, run.Params,
        run.MetricSummaries.ToDictionary(m => m.Key, m => m.Value.LastStep, StringComparer.Ordinal));

    /// <summary>
    /// The run's identity, and the total steps it declared: every start and end row of ml_runs carries the whole state and
    /// the latest replaces the others, so a resumed start without <c>ml.run.total_steps</c> would erase the stored total
    /// (and <c>runs watch</c>'s ETA). The SDK re-sends it because it has just read it; the collector would need a read of
    /// the stored run on every start span it ingests.
    /// </summary>
    public RunOptions Options() => new() { Experiment = Experiment, Name = Name, ParentRunId = ParentRunId, TotalSteps = TotalSteps };

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
