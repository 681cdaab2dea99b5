using Otel.Collector.Runs;

namespace Otel.Grafana.Tests.Harness.Scenarios;

/// <summary>
/// What goes wrong in <see cref="Scenario.Failing"/>, all beside the healthy sweep: three runs that failed in the
/// last three hours, two duplicates (same code, data, params and seed), two runs the lost-runs job marks LOST,
/// a RUNNING run whose loss diverges into NaN and infinity now, and a RUNNING run still beating whose last point is
/// 40 minutes old. Every run here but the duplicates lacks provenance and datasets: completeness below target.
/// </summary>
internal static class FailingSeed
{
    public static async Task SeedAsync(ScenarioCollector collector, ScenarioNames names)
    {
        var now = collector.Now;
        for (var i = 0; i < names.FailedRunIds.Count; i++)
        {
            var start = now.AddHours(-3).AddMinutes(45 * i);
            await collector.SendTracesAsync(TrainingRuns.Request(Bare(names, names.FailedRunIds[i], start) with
            {
                End = start.AddMinutes(4),
                Failed = true,
                Points = [.. TrainingSeed.Curves(0, start).Take(16)],
            }));
        }

        for (var i = 0; i < names.DuplicateRunIds.Count; i++)
        {
            var duplicate = TrainingSeed.Child(names, names.DuplicateRunIds[i], 1, now.AddMinutes(-150 + (20 * i))) with { ParentRunId = "", Model = null };
            await collector.SendTracesAsync(TrainingRuns.Request(duplicate));
        }

        // Lost: RUNNING, then silent; the lost-runs job (with a one-second timeout) marks them before the live runs arrive.
        foreach (var lost in names.LostRunIds)
        {
            var start = now.AddHours(-2);
            await collector.SendTracesAsync(TrainingRuns.Request(Bare(names, lost, start) with { Points = [.. TrainingSeed.Curves(0, start).Take(8)] }));
        }

        await collector.WhenStoredAsync(CountRuns(names.LostRunIds, "RUNNING"), names.LostRunIds.Count);
        var timeout = new LostRunOptions { LostAfter = TimeSpan.FromSeconds(1) };
        await collector.WhenStoredAsync(CountRuns(names.LostRunIds, "LOST"), names.LostRunIds.Count, () => collector.RunJobAsync<LostRunJob>(timeout));

        var divergingStart = now.AddMinutes(-20);
        await collector.SendTracesAsync(TrainingRuns.Request(Bare(names, names.DivergingRunId, divergingStart) with { Points = Diverging(divergingStart), Heartbeat = now }));

        var stalledStart = now.AddMinutes(-90);
        await collector.SendTracesAsync(TrainingRuns.Request(Bare(names, names.StalledRunId, stalledStart) with
        {
            Points = [.. TrainingSeed.Curves(2, stalledStart).Where(p => p.Item4 <= now.AddMinutes(-40))],
            Heartbeat = now,
        }));
    }

    /// <summary>A run with params only: no provenance, datasets or artifact.</summary>
    private static SeededRun Bare(ScenarioNames names, string runId, DateTimeOffset start) => new()
    {
        RunId = runId,
        Name = runId,
        Experiment = names.Experiment,
        Start = start,
        CompleteProvenance = false,
        Datasets = false,
        Params = { ["learning_rate"] = 0.5, ["batch_size"] = 16L },
    };

    /// <summary>Loss doubling every step from 0.7, then NaN and +inf in the last two steps; accuracy falling.</summary>
    private static List<(string, long, double, DateTimeOffset)> Diverging(DateTimeOffset start)
    {
        var points = new List<(string, long, double, DateTimeOffset)>();
        for (var step = 1; step <= 18; step++)
        {
            var loss = step switch { 17 => double.NaN, 18 => double.PositiveInfinity, _ => 0.7 * Math.Pow(2, step - 1) };
            var time = start.AddMinutes(step);
            points.Add(("loss", step, loss, time));
            points.Add(("accuracy", step, Math.Max(0.5 - (0.02 * step), 0), time));
        }

        return points;
    }

    private static string CountRuns(IReadOnlyList<string> runIds, string status) =>
        $"SELECT count() FROM ml_runs FINAL WHERE Status = '{status}' AND RunId IN ('{string.Join("','", runIds)}')";
}
