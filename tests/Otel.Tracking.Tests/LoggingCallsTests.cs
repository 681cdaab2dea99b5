using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests;

/// <summary>LogParam(s) after the start, LogMetrics, SetTags and SetNote: what goes on the wire, and what is refused.</summary>
public sealed class LoggingCallsTests
{
    [Fact]
    public void LogParams_AfterStart_SentAsOneParamsEventOnTheNextSpanAndOnTheRunSpan()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var run = tracking.StartRun(capture.RunOptions());

        run.LogParams(new Dictionary<string, object?> { ["lr"] = 0.1, ["epochs"] = 3, ["optimizer"] = "adam" });
        run.Flush();

        var heartbeat = capture.Single(MlSemanticConventions.RunHeartbeatSpan);
        var logged = Assert.Single(heartbeat.Events);
        Assert.Equal(MlSemanticConventions.ParamsEvent, logged.Name);
        var tags = logged.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(0.1, tags["ml.param.lr"]);
        Assert.Equal(3L, tags["ml.param.epochs"]);
        Assert.Equal("adam", tags["ml.param.optimizer"]);

        run.End(RunStatus.Finished);
        var runSpan = capture.Single(MlSemanticConventions.RunSpan);
        Assert.Equal(0.1, runSpan.Tag("ml.param.lr"));
        Assert.Equal(3L, runSpan.Tag("ml.param.epochs"));
    }

    [Fact]
    public void LogParam_SameValueAgain_SendsNothingMore()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var options = capture.RunOptions();
        options.Params["lr"] = 0.1;
        using var run = tracking.StartRun(options);

        run.LogParam("lr", 0.1);
        run.Flush();

        Assert.Empty(capture.Named(MlSemanticConventions.RunHeartbeatSpan));
    }

    [Fact]
    public void LogParam_ChangesAStartParam_ThrowsNamingKeyOldAndNewValue()
    {
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var options = new RunOptions { Experiment = "e" };
        options.Params["lr"] = 0.1;
        using var run = tracking.StartRun(options);

        var error = Assert.Throws<InvalidOperationException>(() => run.LogParam("lr", 0.2));

        Assert.Contains("Param 'lr'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'0.1' already", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot change to '0.2'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogParams_OneValueConflicts_LogsNoneOfTheCall()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(capture.RunOptions());
        run.LogParam("lr", 0.1);

        Assert.Throws<InvalidOperationException>(() => run.LogParams(new Dictionary<string, object?> { ["batch"] = 32, ["lr"] = "fast" }));
        run.LogParam("batch", 64);
        run.Flush();

        var events = capture.Single(MlSemanticConventions.RunHeartbeatSpan).Events.ToList();
        Assert.Equal(["ml.param.lr"], events[0].Tags.Select(t => t.Key));
        Assert.Equal(64L, Assert.Single(events[1].Tags).Value);
    }

    [Fact]
    public void LogParam_EmptyKeyOrNullValueOrEndedRun_ThrowsWithTheReason()
    {
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var run = tracking.StartRun(new RunOptions { Experiment = "e" });

        Assert.Throws<ArgumentException>(() => run.LogParam("", 1));
        Assert.Contains("'lr' has no value", Assert.Throws<ArgumentException>(() => run.LogParams(new Dictionary<string, object?> { ["lr"] = null })).Message, StringComparison.Ordinal);
        run.End(RunStatus.Finished);
        Assert.Contains("has ended", Assert.Throws<InvalidOperationException>(() => run.LogParam("lr", 1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogMetrics_OneCall_BuffersEveryKeyAtTheGivenStepWithOneTimestamp()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(capture.RunOptions());

        run.LogMetrics(new Dictionary<string, double> { ["loss"] = 0.5, ["acc"] = 0.9, [""] = 1 }, step: 7);
        run.LogMetrics(new SortedDictionary<string, double>(StringComparer.Ordinal) { ["loss"] = 0.4 });
        run.Flush();

        var (keys, values, steps, timestamps) = capture.Single(MlSemanticConventions.RunMetricsSpan).MetricArrays();
        Assert.Equal(["loss", "acc", "loss"], keys);
        Assert.Equal([0.5, 0.9, 0.4], values);
        Assert.Equal([7L, 7L, 8L], steps);
        Assert.Single(timestamps.Distinct());
        Assert.Equal(1, run.DroppedInvalidKey);
    }

    [Fact]
    public void SetTagsAndSetNote_DuringRun_SentOnTheNextSpan()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(capture.RunOptions());

        run.SetTags(new Dictionary<string, string> { ["team"] = "vision", ["stage"] = "eval" });
        run.SetNote("Baseline with **augmentation**.");
        run.Flush();

        var heartbeat = capture.Single(MlSemanticConventions.RunHeartbeatSpan);
        Assert.Equal("vision", heartbeat.Tag("ml.tag.team"));
        Assert.Equal("eval", heartbeat.Tag("ml.tag.stage"));
        Assert.Equal("Baseline with **augmentation**.", heartbeat.Tag("ml.tag." + MlSemanticConventions.NoteTag));
    }

    [Fact]
    public void LogParams_WithPoints_RideOnTheFirstChunkSpan()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(capture.RunOptions());

        run.LogMetric("loss", 1);
        run.LogParam("lr", 0.1);
        run.Flush();

        var chunk = capture.Single(MlSemanticConventions.RunMetricsSpan);
        Assert.Equal([MlSemanticConventions.MetricsEvent, MlSemanticConventions.ParamsEvent], chunk.Events.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Empty(capture.Named(MlSemanticConventions.RunHeartbeatSpan));
    }
}
