using Otel.Tracking.Diagnostics;
using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests;

public sealed class MetricBatchTests
{
    [Fact]
    public void Flush_AfterPoints_EmitsOneEventWithExactParallelArrays()
    {
        using var capture = new SpanCapture();
        var time = TestTracking.NewTime();
        using var tracking = TestTracking.Create(time);
        using var run = tracking.StartRun(capture.RunOptions());

        run.LogMetric("loss", 0.5, step: 10);
        time.Advance(TimeSpan.FromMilliseconds(100));
        run.LogMetric("acc", 0.75, step: 10);
        time.Advance(TimeSpan.FromMilliseconds(100));
        run.LogMetric("loss", 0.25, step: 11);
        run.Flush();

        var chunk = capture.Single(MlSemanticConventions.RunMetricsSpan);
        var (keys, values, steps, timestamps) = chunk.MetricArrays();
        var t0 = TestTracking.UnixNanos(TestTracking.Start);
        Assert.Equal(["loss", "acc", "loss"], keys);
        Assert.Equal([0.5, 0.75, 0.25], values);
        Assert.Equal([10L, 10, 11], steps);
        Assert.Equal([t0, t0 + 100_000_000, t0 + 200_000_000], timestamps);
        Assert.Equal(run.Id, chunk.Tag(MlSemanticConventions.RunId));
        Assert.Equal(TestTracking.Start.UtcDateTime, chunk.StartTimeUtc);
    }

    [Fact]
    public void LogMetric_WithoutStep_AutoIncrementsPerKeyFromLastStep()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(capture.RunOptions());

        run.LogMetric("loss", 1);
        run.LogMetric("loss", 2);
        run.LogMetric("acc", 3);
        run.LogMetric("loss", 4);
        run.LogMetric("acc", 5, step: 100);
        run.LogMetric("acc", 6);
        run.Flush();

        var (keys, _, steps, _) = capture.Single(MlSemanticConventions.RunMetricsSpan).MetricArrays();
        Assert.Equal(["loss", "loss", "acc", "loss", "acc", "acc"], keys);
        Assert.Equal([0L, 1, 0, 2, 100, 101], steps);
    }

    [Fact]
    public void LogMetric_NaNAndInfinity_AreKeptAsLogged()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(capture.RunOptions());

        run.LogMetric("loss", double.NaN);
        run.LogMetric("loss", double.PositiveInfinity);
        run.LogMetric("loss", double.NegativeInfinity);
        run.Flush();

        var (_, values, _, _) = capture.Single(MlSemanticConventions.RunMetricsSpan).MetricArrays();
        Assert.Equal([double.NaN, double.PositiveInfinity, double.NegativeInfinity], values);
    }

    [Fact]
    public void Flush_BeyondMaxPointsPerEvent_SplitsIntoChunkSpansInOrder()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime(), o => o.MaxPointsPerEvent = 4_000);
        using var run = tracking.StartRun(capture.RunOptions());

        // 10,000 points cross two 4,096-point buffer segments and three chunks.
        for (var i = 0; i < 10_000; i++)
        {
            run.LogMetric("loss", i);
        }

        run.Flush();

        var chunks = capture.Named(MlSemanticConventions.RunMetricsSpan);
        Assert.Equal([4_000, 4_000, 2_000], chunks.Select(c => c.MetricArrays().Keys.Length));
        var values = chunks.SelectMany(c => c.MetricArrays().Values).ToArray();
        var steps = chunks.SelectMany(c => c.MetricArrays().Steps).ToArray();
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (double)i), values);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (long)i), steps);
    }

    [Fact]
    public void LogMetric_BufferFull_DropsAndCountsWithoutBlocking()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime(), o => o.MaxBufferedPoints = 5);
        using var run = tracking.StartRun(capture.RunOptions());
        var droppedBefore = SdkCounters.Dropped(SdkTelemetryNames.DropReason.BufferFull);

        for (var i = 0; i < 100_000; i++)
        {
            run.LogMetric("loss", i);
        }

        Assert.Equal(99_995, run.DroppedBufferFull);
        Assert.True(SdkCounters.Dropped(SdkTelemetryNames.DropReason.BufferFull) - droppedBefore >= 99_995);
        run.Flush();
        var (_, values, steps, _) = capture.Single(MlSemanticConventions.RunMetricsSpan).MetricArrays();
        Assert.Equal([0.0, 1, 2, 3, 4], values);

        // Space is back after the flush; auto steps kept counting through the dropped points.
        run.LogMetric("loss", -1);
        run.Flush();
        var (_, _, nextSteps, _) = capture.Named(MlSemanticConventions.RunMetricsSpan)[1].MetricArrays();
        Assert.Equal([100_000L], nextSteps);
        Assert.Equal([0L, 1, 2, 3, 4], steps);
    }

    [Fact]
    public void LogMetric_InvalidKeyOrEndedRun_DroppedAndCountedNeverThrown()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var run = tracking.StartRun(capture.RunOptions());

        run.LogMetric(null!, 1);
        run.LogMetric(string.Empty, 1);
        run.Dispose();
        run.LogMetric("loss", 1);

        Assert.Equal(2, run.DroppedInvalidKey);
        Assert.Equal(1, run.DroppedRunEnded);
        Assert.Empty(capture.Named(MlSemanticConventions.RunMetricsSpan));
    }

    [Fact]
    public void Timer_AfterFlushInterval_EmitsChunkSpan()
    {
        using var capture = new SpanCapture();
        var time = TestTracking.NewTime();
        using var tracking = TestTracking.Create(time);
        using var run = tracking.StartRun(capture.RunOptions());

        run.LogMetric("loss", 1);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(capture.Named(MlSemanticConventions.RunMetricsSpan));
        time.Advance(TimeSpan.FromMilliseconds(1));

        var chunk = capture.Single(MlSemanticConventions.RunMetricsSpan);
        Assert.Equal(TestTracking.Start.AddSeconds(1).UtcDateTime, chunk.StartTimeUtc + chunk.Duration);
    }

    [Fact]
    public void End_WithBufferedPoints_FlushesThemBeforeRunSpanEnds()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var run = tracking.StartRun(capture.RunOptions());

        run.LogMetric("loss", 1);
        run.End(RunStatus.Failed);

        Assert.Equal(
            [MlSemanticConventions.RunStartSpan, MlSemanticConventions.RunMetricsSpan, MlSemanticConventions.RunSpan],
            capture.Spans.Select(s => s.OperationName));
    }

    [Fact]
    public void Flush_WithNothingBuffered_EmitsNothing()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(capture.RunOptions());

        run.Flush();

        Assert.Equal([MlSemanticConventions.RunStartSpan], capture.Spans.Select(s => s.OperationName));
    }
}
