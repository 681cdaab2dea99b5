using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests;

/// <summary>MlRun.Current: set by starting a run, stacked by nesting, restored by ending.</summary>
public sealed class AmbientRunTests
{
    [Fact]
    public void Current_NestedRuns_StackAndRestoreOnEnd()
    {
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        Assert.Null(MlRun.Current);

        var outer = tracking.StartRun(new RunOptions { Experiment = "e" });
        Assert.Same(outer, MlRun.Current);
        var inner = tracking.StartRun(new RunOptions { Experiment = "e", ParentRunId = outer.Id });
        Assert.Same(inner, MlRun.Current);

        inner.Dispose();
        Assert.Same(outer, MlRun.Current);
        outer.End(RunStatus.Failed);
        Assert.Null(MlRun.Current);
    }

    [Fact]
    public void Current_OuterEndsBeforeInner_InnerEndRestoresNoEndedRun()
    {
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var outer = tracking.StartRun(new RunOptions { Experiment = "e" });
        var inner = tracking.StartRun(new RunOptions { Experiment = "e" });

        outer.Dispose();
        Assert.Same(inner, MlRun.Current);
        inner.Dispose();

        Assert.Null(MlRun.Current);
    }

    [Fact]
    public async Task Current_InsideRunAsync_IsTheBodysRunAndIsRestoredAfter()
    {
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        MlRun? seen = null;

        await tracking.RunAsync(new RunOptions { Experiment = "e" }, async run =>
        {
            await Task.Yield();
            seen = MlRun.Current;
            Assert.Same(run, seen);
        }).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.NotNull(seen);
        Assert.Null(MlRun.Current);
    }

    [Fact]
    public async Task Current_OtherAsyncFlows_DoNotSeeEachOthersRuns()
    {
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var bothStarted = new Barrier(2);

        MlRun?[] seen = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(() =>
        {
            using var run = tracking.StartRun(new RunOptions { Experiment = "e", Name = "flow-" + i });
            bothStarted.SignalAndWait(TimeSpan.FromSeconds(30));
            return ReferenceEquals(MlRun.Current, run) ? run : null;
        }))).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.DoesNotContain(null, seen);
    }
}
