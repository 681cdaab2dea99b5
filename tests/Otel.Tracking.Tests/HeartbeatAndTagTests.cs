using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests;

public sealed class HeartbeatAndTagTests
{
    [Fact]
    public void QuietRun_AfterHeartbeatInterval_EmitsOneHeartbeat()
    {
        using var capture = new SpanCapture();
        var time = TestTracking.NewTime();
        using var tracking = TestTracking.Create(time);
        using var run = tracking.StartRun(capture.RunOptions());

        for (var second = 1; second < 30; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Empty(capture.Named(MlSemanticConventions.RunHeartbeatSpan));
        time.Advance(TimeSpan.FromSeconds(1));

        var heartbeat = capture.Single(MlSemanticConventions.RunHeartbeatSpan);
        Assert.Equal(run.Id, heartbeat.Tag(MlSemanticConventions.RunId));
        Assert.Equal(TestTracking.Start.AddSeconds(30).UtcDateTime, heartbeat.StartTimeUtc);
        Assert.Empty(heartbeat.Events);
    }

    [Fact]
    public void BusyRun_LoggingEverySecond_EmitsNoHeartbeat()
    {
        using var capture = new SpanCapture();
        var time = TestTracking.NewTime();
        using var tracking = TestTracking.Create(time);
        using var run = tracking.StartRun(capture.RunOptions());

        for (var second = 0; second < 90; second++)
        {
            run.LogMetric("loss", second);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Empty(capture.Named(MlSemanticConventions.RunHeartbeatSpan));
        Assert.Equal(90, capture.Named(MlSemanticConventions.RunMetricsSpan).Count);
    }

    [Fact]
    public void SetTag_DuringRun_SentOnNextChunkAndOnRunSpan()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var options = capture.RunOptions();
        options.Tags["team"] = "a";
        var run = tracking.StartRun(options);

        run.LogMetric("loss", 1);
        run.SetTag("stage", "eval");
        run.Flush();
        run.LogMetric("loss", 2);
        run.Flush();
        run.Dispose();

        var chunks = capture.Named(MlSemanticConventions.RunMetricsSpan);
        Assert.Equal("eval", chunks[0].Tag("ml.tag.stage"));
        Assert.Null(chunks[1].Tag("ml.tag.stage"));
        var final = capture.Single(MlSemanticConventions.RunSpan);
        Assert.Equal("eval", final.Tag("ml.tag.stage"));
        Assert.Equal("a", final.Tag("ml.tag.team"));
    }

    [Fact]
    public void SetTag_WithoutPoints_SentOnEarlyHeartbeatWithinFlushInterval()
    {
        using var capture = new SpanCapture();
        var time = TestTracking.NewTime();
        using var tracking = TestTracking.Create(time);
        using var run = tracking.StartRun(capture.RunOptions());

        run.SetTag("stage", "train");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("train", capture.Single(MlSemanticConventions.RunHeartbeatSpan).Tag("ml.tag.stage"));
    }

    [Fact]
    public void SetTag_Overwritten_LastValueWins()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var run = tracking.StartRun(capture.RunOptions());

        run.SetTag("stage", "train");
        run.SetTag("stage", "eval");
        run.Dispose();

        Assert.Equal("eval", capture.Single(MlSemanticConventions.RunSpan).Tag("ml.tag.stage"));
    }
}
