using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Tests.Output;

public sealed class RunListColumnsTests
{
    [Fact]
    public void Metrics_DemoSweep_LeaderboardMetricFirstThenEvaluationBeforeTraining()
    {
        var runs = DemoLikeRuns.Sweep("demo", 1);

        Assert.Equal("val_accuracy", RunListColumns.LeaderboardMetric(runs));
        // best_val_accuracy is the parent's alone: fewer than half the runs log it.
        Assert.Equal(["val_accuracy", "val_loss", "train_loss"], RunListColumns.Metrics(runs));
    }

    [Fact]
    public void Metrics_NoSweepParent_MostLoggedFirst()
    {
        var runs = new[] { Run("a", ("loss", 1), ("f1", 0.5)), Run("b", ("loss", 2), ("f1", 0.4)), Run("c", ("loss", 3)) };

        Assert.Null(RunListColumns.LeaderboardMetric(runs));
        Assert.Equal(["loss", "f1"], RunListColumns.Metrics(runs));
    }

    [Fact]
    public void Metrics_SystemMetricsEveryRunHas_ComeAfterTheModelsMetrics()
    {
        var runs = new[]
        {
            Run("a", ("process.cpu.utilization", 0.5), ("system.memory.usage", 1e9), ("accuracy", 0.9)),
            Run("b", ("process.cpu.utilization", 0.4), ("system.memory.usage", 1e9)),
        };

        Assert.Equal(["accuracy", "process.cpu.utilization", "system.memory.usage"], RunListColumns.Metrics(runs));
    }

    [Fact]
    public void Metrics_ManyRarelyLogged_OnlyTheTopThreeBeyondThoseMostRunsLog()
    {
        var runs = Enumerable.Range(0, 10).Select(i => Run($"r{i}", ("common", i), ($"rare{i}", i))).ToArray();

        Assert.Equal(["common", "rare0", "rare1"], RunListColumns.Metrics(runs));
    }

    [Fact]
    public void DifferingParams_DemoSweep_SweptParamsOnly()
    {
        // epochs and seed are the same everywhere; search and configurations are the parent's alone.
        Assert.Equal(["learning_rate", "batch_size", "l2"], RunListColumns.DifferingParams(DemoLikeRuns.Sweep("demo", 1)));
    }

    private static RunSummary Run(string id, params (string Key, double Value)[] metrics) => new()
    {
        Id = id, Experiment = "e", Name = id, Status = "FINISHED", StartTime = DateTimeOffset.UnixEpoch,
        Metrics = metrics.ToDictionary(m => m.Key, m => m.Value),
    };
}
