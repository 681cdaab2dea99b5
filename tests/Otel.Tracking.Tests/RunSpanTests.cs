using System.Diagnostics;
using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests;

public sealed class RunSpanTests
{
    [Fact]
    public void StartRun_WithParamsAndTags_EmitsStartSpanWithTypedAttributes()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var options = capture.RunOptions("lr=0.1");
        options.ParentRunId = "0123456789abcdef0123456789abcdef";
        options.Params["lr"] = 0.1;
        options.Params["epochs"] = 10;
        options.Params["shuffle"] = true;
        options.Params["optimizer"] = "adam";
        options.Params["model.depth"] = 3L;
        options.Params["dropout"] = 0.5f;
        options.Tags["team"] = "a";

        using var run = tracking.StartRun(options);

        var start = capture.Single(MlSemanticConventions.RunStartSpan);
        Assert.Equal(run.Id, start.Tag(MlSemanticConventions.RunId));
        Assert.Equal(capture.Experiment, start.Tag(MlSemanticConventions.ExperimentName));
        Assert.Equal("lr=0.1", start.Tag(MlSemanticConventions.RunName));
        Assert.Equal("0123456789abcdef0123456789abcdef", start.Tag(MlSemanticConventions.RunParentId));
        Assert.Equal(0.1, start.Tag("ml.param.lr"));
        Assert.Equal(10L, start.Tag("ml.param.epochs"));
        Assert.Equal(true, start.Tag("ml.param.shuffle"));
        Assert.Equal("adam", start.Tag("ml.param.optimizer"));
        Assert.Equal(3L, start.Tag("ml.param.model.depth"));
        Assert.Equal(0.5, start.Tag("ml.param.dropout"));
        Assert.Equal("a", start.Tag("ml.tag.team"));
        Assert.Empty(capture.Named(MlSemanticConventions.RunSpan));
    }

    [Fact]
    public void StartRun_WithoutParent_OmitsParentIdAndDefaultsName()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());

        using var run = tracking.StartRun(capture.RunOptions());

        var start = capture.Single(MlSemanticConventions.RunStartSpan);
        Assert.Null(start.Tag(MlSemanticConventions.RunParentId));
        Assert.Null(run.ParentRunId);
        Assert.Equal("run-" + run.Id[..8], run.Name);
        Assert.Equal(run.Name, start.Tag(MlSemanticConventions.RunName));
    }

    [Fact]
    public void StartRun_ManyRuns_IdsAre32LowercaseHexAndUnique()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());

        var ids = new HashSet<string>();
        for (var i = 0; i < 200; i++)
        {
            using var run = tracking.StartRun(capture.RunOptions());
            Assert.Matches("^[0-9a-f]{32}$", run.Id);
            Assert.True(ids.Add(run.Id));
        }
    }

    [Fact]
    public void Dispose_WithoutEnd_EndsRunSpanFinishedWithOkStatus()
    {
        using var capture = new SpanCapture();
        var time = TestTracking.NewTime();
        using var tracking = TestTracking.Create(time);
        var options = capture.RunOptions("finished");
        options.Params["lr"] = 0.25;
        options.Tags["team"] = "a";

        var run = tracking.StartRun(options);
        time.Advance(TimeSpan.FromMilliseconds(500));
        run.Dispose();

        var span = capture.Single(MlSemanticConventions.RunSpan);
        Assert.Equal(ActivityKind.Internal, span.Kind);
        Assert.Equal(ActivityStatusCode.Ok, span.Status);
        Assert.Equal(MlSemanticConventions.Status.Finished, span.Tag(MlSemanticConventions.RunStatus));
        Assert.Equal(run.Id, span.Tag(MlSemanticConventions.RunId));
        Assert.Equal("finished", span.Tag(MlSemanticConventions.RunName));
        Assert.Equal(0.25, span.Tag("ml.param.lr"));
        Assert.Equal("a", span.Tag("ml.tag.team"));
        Assert.Equal(TestTracking.Start.UtcDateTime, span.StartTimeUtc);
        Assert.Equal(TimeSpan.FromMilliseconds(500), span.Duration);
        Assert.Equal(RunStatus.Finished, run.Status);
    }

    [Fact]
    public async Task RunAsync_BodyThrows_MarksFailedAndRethrows()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        string? runId = null;

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => tracking.RunAsync(capture.RunOptions(), async run =>
        {
            runId = run.Id;
            await Task.Yield();
            throw new InvalidOperationException("diverged");
        }));

        Assert.Equal("diverged", thrown.Message);
        var span = capture.Single(MlSemanticConventions.RunSpan);
        Assert.Equal(runId, span.Tag(MlSemanticConventions.RunId));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("System.InvalidOperationException: diverged", span.StatusDescription);
        Assert.Equal(MlSemanticConventions.Status.Failed, span.Tag(MlSemanticConventions.RunStatus));
        Assert.Contains(span.Events, e => e.Name == "exception");
    }

    [Fact]
    public void Run_BodyReturns_MarksFinishedAndReturnsResult()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());

        var result = tracking.Run(capture.RunOptions(), run => 42);

        Assert.Equal(42, result);
        Assert.Equal(MlSemanticConventions.Status.Finished, capture.Single(MlSemanticConventions.RunSpan).Tag(MlSemanticConventions.RunStatus));
    }

    [Fact]
    public void End_Killed_SetsKilledStatusAndErrorCode()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var run = tracking.StartRun(capture.RunOptions());

        run.End(RunStatus.Killed);
        run.Dispose();
        run.End(RunStatus.Failed);

        var span = capture.Single(MlSemanticConventions.RunSpan);
        Assert.Equal(MlSemanticConventions.Status.Killed, span.Tag(MlSemanticConventions.RunStatus));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(RunStatus.Killed, run.Status);
    }

    [Fact]
    public void Spans_OfOneRun_ShareTraceAndAreChildrenOfRunSpan()
    {
        using var capture = new SpanCapture();
        var time = TestTracking.NewTime();
        using var tracking = TestTracking.Create(time, o => o.HeartbeatInterval = TimeSpan.FromSeconds(5));
        var run = tracking.StartRun(capture.RunOptions());
        run.LogMetric("loss", 1);
        run.Flush();
        time.Advance(TimeSpan.FromSeconds(5));
        run.Dispose();

        var root = capture.Single(MlSemanticConventions.RunSpan);
        var children = capture.Spans.Where(s => s != root).ToList();
        Assert.Equal(
            [MlSemanticConventions.RunStartSpan, MlSemanticConventions.RunMetricsSpan, MlSemanticConventions.RunHeartbeatSpan],
            children.Select(s => s.OperationName));
        Assert.All(capture.Spans, s =>
        {
            Assert.Equal(run.Id, s.Tag(MlSemanticConventions.RunId));
            Assert.Equal(capture.Experiment, s.Tag(MlSemanticConventions.ExperimentName));
            Assert.Equal(root.TraceId, s.TraceId);
        });
        Assert.All(children, s => Assert.Equal(root.SpanId, s.ParentSpanId));
    }

    [Fact]
    public void StartRun_ByDefault_LeavesActivityCurrentUnchanged()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var userSource = new ActivitySource(new ActivitySourceOptions("user-" + Guid.NewGuid().ToString("N")));
        using var listener = ListenTo(userSource);
        using var userSpan = userSource.StartActivity("user-step");
        Assert.NotNull(userSpan);

        var run = tracking.StartRun(capture.RunOptions());
        Assert.Same(userSpan, Activity.Current);
        run.LogMetric("loss", 1);
        run.Flush();
        Assert.Same(userSpan, Activity.Current);
        run.Dispose();

        Assert.Same(userSpan, Activity.Current);
        Assert.Equal(userSpan.SpanId, capture.Single(MlSemanticConventions.RunSpan).ParentSpanId);
    }

    [Fact]
    public void StartRun_MakeRunSpanCurrent_NestsUserSpansUntilEnd()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var userSource = new ActivitySource(new ActivitySourceOptions("user-" + Guid.NewGuid().ToString("N")));
        using var listener = ListenTo(userSource);
        var before = Activity.Current;
        var options = capture.RunOptions();
        options.MakeRunSpanCurrent = true;

        var run = tracking.StartRun(options);
        Activity? nested;
        using (nested = userSource.StartActivity("epoch"))
        {
        }

        run.Dispose();

        var root = capture.Single(MlSemanticConventions.RunSpan);
        Assert.NotNull(nested);
        Assert.Equal(root.SpanId, nested.ParentSpanId);
        Assert.Same(before, Activity.Current);
    }

    private static ActivityListener ListenTo(ActivitySource source)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
