using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests;

public sealed class HotPathAllocationTests
{
    [Fact]
    public void LogMetric_AfterWarmUp_AllocatesNothing()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(capture.RunOptions());
        string[] keys = ["loss", "acc", "lr"];

        // Warm-up: JIT, one dictionary slot per key, and enough buffer segments in the pool for 10k points.
        for (var i = 0; i < 20_000; i++)
        {
            run.LogMetric(keys[i % 3], i);
            run.LogMetric(keys[i % 3], i, step: i);
        }

        run.Flush();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            run.LogMetric(keys[i % 3], i * 0.5, (i & 1) == 0 ? i : null);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void LogMetrics_DictionaryAfterWarmUp_AllocatesNothing()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(capture.RunOptions());
        var metrics = new Dictionary<string, double> { ["loss"] = 0, ["acc"] = 0, ["lr"] = 0 };

        for (var i = 0; i < 10_000; i++)
        {
            run.LogMetrics(metrics, step: i);
            run.LogMetrics(metrics);
        }

        run.Flush();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 5_000; i++)
        {
            metrics["loss"] = i * 0.5;
            run.LogMetrics(metrics, (i & 1) == 0 ? i : null);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
