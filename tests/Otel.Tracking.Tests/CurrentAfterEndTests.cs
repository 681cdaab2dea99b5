using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests;

/// <summary>
/// MlRun.Current in tasks and threads that outlive the run they started under: never an ended run; and what a flow that
/// still holds the ended run gets when it logs to it.
/// </summary>
public sealed class CurrentAfterEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Current_TaskStartedUnderRunReadsAfterItEnded_IsNull()
    {
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var readBefore = new TaskCompletionSource<MlRun?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = tracking.StartRun(new RunOptions { Experiment = "e" });
        var seen = Task.Run(async () =>
        {
            readBefore.SetResult(MlRun.Current);
            await ended.Task.WaitAsync(Timeout);
            return (Before: await readBefore.Task, After: MlRun.Current);
        });

        await readBefore.Task.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        run.Dispose();
        ended.SetResult();
        var (before, after) = await seen.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Same(run, before);
        Assert.Null(after);
    }

    [Fact]
    public void Current_ThreadStartedUnderNestedRunReadsAfterInnerEnded_IsTheOuterRun()
    {
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var outer = tracking.StartRun(new RunOptions { Experiment = "e" });
        var inner = tracking.StartRun(new RunOptions { Experiment = "e", ParentRunId = outer.Id });
        using var readBefore = new ManualResetEventSlim();
        using var innerEnded = new ManualResetEventSlim();
        MlRun? before = null;
        MlRun? after = null;
        var thread = new Thread(() =>
        {
            before = MlRun.Current;
            readBefore.Set();
            innerEnded.Wait(Timeout);
            after = MlRun.Current;
        });
        thread.Start();

        Assert.True(readBefore.Wait(Timeout, TestContext.Current.CancellationToken));
        inner.Dispose();
        innerEnded.Set();
        Assert.True(thread.Join(Timeout));

        Assert.Same(inner, before);
        Assert.Same(outer, after);
    }

    [Fact]
    public async Task EndedRun_TaskStillHoldingItLogs_TagsAndParamsThrowAndPointsAreCountedAsDropped()
    {
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var run = tracking.StartRun(new RunOptions { Experiment = "e" });
        run.Dispose();

        var (tagError, paramError) = await Task.Run(() =>
        {
            var tag = Record.Exception(() => run.SetTag("stage", "late"));
            var param = Record.Exception(() => run.LogParam("lr", 0.1));
            run.LogMetric("loss", 0.5);
            return (tag, param);
        }).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Contains("has ended", Assert.IsType<InvalidOperationException>(tagError).Message, StringComparison.Ordinal);
        Assert.Contains("has ended", Assert.IsType<InvalidOperationException>(paramError).Message, StringComparison.Ordinal);
        Assert.Equal(1, run.DroppedRunEnded);
    }
}
