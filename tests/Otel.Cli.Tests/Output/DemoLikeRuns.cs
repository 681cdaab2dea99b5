using System.Globalization;
using Otel.Tracking.Query;

namespace Otel.Cli.Tests.Output;

/// <summary>Runs shaped like the demo's: grid-search sweeps (a parent with best_val_accuracy and trials with train/val metrics).</summary>
internal static class DemoLikeRuns
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 11, 33, 54, TimeSpan.Zero);

    private static readonly (double Lr, double L2, int Batch)[] Grid = [(0.5, 0, 16), (0.2, 0.01, 32), (0.05, 0.001, 32), (0.01, 0.001, 64), (0.001, 0, 64)];

    /// <summary>One sweep: its parent first, then its five trials.</summary>
    public static List<RunSummary> Sweep(string experiment, int sweep)
    {
        var parentId = Id(sweep, 0);
        var runs = new List<RunSummary>
        {
            new()
            {
                Id = parentId, Experiment = experiment, Name = $"sweep-2026120{sweep}-113354", Status = "FINISHED", StartTime = Start.AddMinutes(sweep),
                Params = new() { ["search"] = "grid", ["configurations"] = "5", ["epochs"] = "8", ["seed"] = "7" },
                Tags = new() { ["kind"] = "sweep" },
                Metrics = new() { ["best_val_accuracy"] = 0.9325 },
            },
        };
        runs.AddRange(Grid.Select((g, i) => new RunSummary
        {
            Id = Id(sweep, i + 1), Experiment = experiment, Name = string.Create(CultureInfo.InvariantCulture, $"lr={g.Lr} l2={g.L2} bs={g.Batch}"),
            Status = "FINISHED", StartTime = Start.AddMinutes(sweep).AddSeconds(i + 1), ParentId = parentId,
            Params = new()
            {
                ["learning_rate"] = g.Lr.ToString(CultureInfo.InvariantCulture), ["l2"] = g.L2.ToString(CultureInfo.InvariantCulture),
                ["batch_size"] = g.Batch.ToString(CultureInfo.InvariantCulture), ["epochs"] = "8", ["model"] = "logistic_regression", ["seed"] = "7",
            },
            Metrics = new() { ["train_loss"] = 0.3 + (i * 0.1), ["val_loss"] = 0.31 + (i * 0.1), ["val_accuracy"] = 0.93 - (i * 0.02) },
        }));
        return runs;
    }

    /// <summary>29 runs in two experiments, as the issue measured: four demo sweeps and five more trials.</summary>
    public static List<RunSummary> TwentyNine()
    {
        var runs = Enumerable.Range(1, 4).SelectMany(s => Sweep(s % 2 == 0 ? "demo-logistic-regression" : "churn-logistic-regression", s)).ToList();
        runs.AddRange(Sweep("demo-logistic-regression", 5).Skip(1));
        return runs;
    }

    /// <summary>A 32-hex-digit id, as the SDK makes them, unique per sweep and trial.</summary>
    private static string Id(int sweep, int trial) => string.Create(CultureInfo.InvariantCulture, $"{(sweep * 7919) + (trial * 104729):x8}{sweep:x4}{trial:x4}a1724c6bb347a63529c941b6")[..32];
}
