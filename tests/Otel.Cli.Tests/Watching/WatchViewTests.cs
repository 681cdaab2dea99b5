using Otel.Cli.Output;
using Otel.Cli.Watching;
using Otel.Tracking.Query;

namespace Otel.Cli.Tests.Watching;

public sealed class WatchViewTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static WatchState State(string status, long? totalSteps, double? rate, params (string Key, long LastStep)[] metrics) => new(
        new RunProgress
        {
            Id = "r1",
            Status = status,
            StartTime = Start,
            TotalSteps = totalSteps,
            Metrics = metrics.ToDictionary(m => m.Key, m => new MetricProgress(0.5, 0.1, 2, m.LastStep + 1, 0, m.LastStep, Start.AddSeconds(60), MetricProgress.EventSource)),
        },
        new Dictionary<string, IReadOnlyList<double>>(),
        rate,
        Start.AddSeconds(60));

    [Fact]
    public void Progress_DeclaredTotal_BarPercentRateAndEta()
    {
        var state = State("RUNNING", 1000, 25, ("loss", 249), ("accuracy", 199));

        Assert.Equal("█████░░░░░░░░░░░░░░░ 25% 250/1000 steps, 25.0 steps/s, ETA 30.0 s", WatchView.Progress(state, 20));
        Assert.Equal("25% 250/1000 steps, 25.0 steps/s, ETA 30.0 s", WatchView.Progress(state, 0));
    }

    [Fact]
    public void Progress_SystemMetricsSteppedByUnixSecond_NeverLead()
    {
        var state = State("RUNNING", 1000, null, ("loss", 99));
        state.Progress.Metrics["process.cpu.time"] = new MetricProgress(0.3, 0.3, 0.3, 1, 1_796_570_605, 1_796_570_605, Start, "otel_metric");

        Assert.Equal("10% 100/1000 steps", WatchView.Progress(state, 0));
    }

    [Fact]
    public void Progress_PerBatchMetricPastTheTotal_TheEpochMetricLeads()
    {
        // TotalSteps counts epochs; a per-batch metric with implicit steps runs far past it.
        var state = State("RUNNING", 40, null, ("epoch.loss", 9), ("batch.loss", 13_999));

        Assert.Equal("25% 10/40 steps", WatchView.Progress(state, 0));
    }

    [Fact]
    public void Progress_EveryMetricPastTheTotal_NoPercentOnlyTheStep() =>
        Assert.Equal("step 13999", WatchView.Progress(State("RUNNING", 40, null, ("batch.loss", 13_999)), 0));

    [Fact]
    public void Progress_ExtremeSteps_SaturateInsteadOfOverflowing()
    {
        var state = State("RUNNING", null, null);
        state.Progress.Metrics["x"] = new MetricProgress(1, 1, 1, 2, long.MinValue, long.MaxValue, Start, MetricProgress.EventSource);

        Assert.Equal(long.MaxValue, state.Done);
    }

    [Fact]
    public void Progress_NoTotal_StepAndRateOnly() =>
        Assert.Equal("step 249, 4.2 steps/s", WatchView.Progress(State("RUNNING", null, 4.2, ("loss", 249)), 20));

    [Fact]
    public void Changes_OnlyMetricsThatMovedSinceLastPrinted()
    {
        var printed = new Dictionary<string, MetricProgress>();
        Assert.Equal(3, WatchView.Changes(State("RUNNING", null, null, ("a", 1), ("b", 1)), printed).Count());

        var lines = WatchView.Changes(State("RUNNING", null, null, ("a", 1), ("b", 2)), printed).ToList();

        Assert.Equal(["progress: step 2", "b: 0.5 at step 2 (3 points)"], lines);
        Assert.Empty(WatchView.Changes(State("RUNNING", null, null, ("a", 1), ("b", 2)), printed));
    }

    [Fact]
    public void Final_EndedRun_StatusDurationAndEveryMetric()
    {
        var failed = State("FAILED", 10, 3, ("loss", 9));

        var lines = WatchView.Final(failed with { Progress = failed.Progress with { EndTime = Start.AddSeconds(45) } });

        Assert.Equal(["run r1 ended FAILED after 45.0 s", "loss: 0.5 at step 9 (10 points), min 0.1, max 2"], lines);
    }
}
