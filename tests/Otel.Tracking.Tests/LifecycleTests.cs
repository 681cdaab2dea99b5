using System.Diagnostics;
using System.Diagnostics.Tracing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Otel.Tracking.Tests.Infrastructure;

namespace Otel.Tracking.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public void Options_OutOfRange_ThrowNamingEverySetting()
    {
        var options = new MlTrackingOptions
        {
            MetricFlushInterval = TimeSpan.Zero,
            MaxPointsPerEvent = 0,
            MaxBufferedPoints = -1,
            Endpoint = new Uri("/relative", UriKind.Relative),
        };

        var error = Assert.Throws<ArgumentException>(() => new MlTracking(options));

        Assert.Contains(nameof(MlTrackingOptions.MetricFlushInterval), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(MlTrackingOptions.MaxPointsPerEvent), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(MlTrackingOptions.MaxBufferedPoints), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(MlTrackingOptions.Endpoint), error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MlTracking.Create(o => o.HeartbeatInterval = TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void Constructor_WithSignalHandling_InstallsHooksAndDisposesCleanly()
    {
        using var capture = new SpanCapture();
        var tracking = new MlTracking();
        var run = tracking.StartRun(capture.RunOptions());

        tracking.Dispose();
        tracking.Dispose();

        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.True(tracking.Options.HandleTerminationSignals);
    }

    [Fact]
    public void Terminate_Killed_EndsActiveRunsKilledAndLeavesEndedOnes()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var finished = tracking.StartRun(capture.RunOptions("finished"));
        finished.Dispose();
        var active = tracking.StartRun(capture.RunOptions("active"));
        active.LogMetric("loss", 1);

        tracking.Terminate(RunStatus.Killed, "Run killed by SIGTERM", exception: null);

        Assert.Equal(RunStatus.Finished, finished.Status);
        Assert.Equal(RunStatus.Killed, active.Status);
        Assert.Empty(tracking.ActiveRuns());
        var span = capture.Named(MlSemanticConventions.RunSpan).Single(s => s.Tag(MlSemanticConventions.RunId) as string == active.Id);
        Assert.Equal("Run killed by SIGTERM", span.StatusDescription);
        Assert.Single(capture.Named(MlSemanticConventions.RunMetricsSpan));
    }

    [Fact]
    public void Terminate_UnhandledException_EndsActiveRunsFailed()
    {
        using var capture = new SpanCapture();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        var run = tracking.StartRun(capture.RunOptions());

        tracking.Terminate(RunStatus.Failed, "Unhandled System.InvalidOperationException: boom", new InvalidOperationException("boom"));

        var span = capture.Single(MlSemanticConventions.RunSpan);
        Assert.Equal(MlSemanticConventions.Status.Failed, span.Tag(MlSemanticConventions.RunStatus));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Contains(span.Events, e => e.Name == "exception");
        Assert.Equal(RunStatus.Failed, run.Status);
    }

    [Fact]
    public void Dispose_Tracker_EndsActiveRunsFinished()
    {
        using var capture = new SpanCapture();
        var tracking = TestTracking.Create(TestTracking.NewTime());
        var run = tracking.StartRun(capture.RunOptions());

        tracking.Dispose();

        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Throws<ObjectDisposedException>(() => tracking.StartRun(capture.RunOptions()));
    }

    [Fact]
    public void PipelineFailure_DuringFlushAndEnd_RecordedInEventSourceNeverThrown()
    {
        using var capture = new SpanCapture(throwOnEnd: s => s.OperationName != MlSemanticConventions.RunStartSpan);
        using var events = new TrackingEventListener();
        var time = TestTracking.NewTime();
        using var tracking = TestTracking.Create(time);
        var run = tracking.StartRun(capture.RunOptions());

        run.LogMetric("loss", 1);
        time.Advance(TimeSpan.FromSeconds(1));
        run.LogMetric("loss", 2);
        run.Dispose();

        Assert.Contains(events.Events, e => e.EventName == "FlushFailed" && (string?)e.Payload?[0] == run.Id);
        Assert.Contains(events.Events, e => e.EventName == "EndFailed" && (string?)e.Payload?[0] == run.Id);
        Assert.Equal(RunStatus.Finished, run.Status);
    }

    [Fact]
    public void ProcessMetrics_ActiveRun_ReportedWithRunId()
    {
        var metrics = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder().AddMlTracking().AddInMemoryExporter(metrics).Build();
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(new RunOptions { Experiment = "exp-" + Guid.NewGuid().ToString("N") });

        provider.ForceFlush();

        Assert.Equal(1, PointsOf(metrics, MlSemanticConventions.ProcessMemoryUsage, run.Id));
        Assert.Equal(1, PointsOf(metrics, MlSemanticConventions.ProcessCpuTime, run.Id));
        Assert.Equal("By", metrics.First(m => m.Name == MlSemanticConventions.ProcessMemoryUsage).Unit);
    }

    private static int PointsOf(List<Metric> metrics, string name, string runId)
    {
        var count = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    if (tag.Key == MlSemanticConventions.RunId && (string?)tag.Value == runId)
                    {
                        count++;
                    }
                }
            }
        }

        return count;
    }

    private sealed class TrackingEventListener : EventListener
    {
        private readonly List<EventWrittenEventArgs> _events = [];

        public IReadOnlyList<EventWrittenEventArgs> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Otel-Tracking")
            {
                EnableEvents(eventSource, EventLevel.Verbose);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            lock (_events)
            {
                _events.Add(eventData);
            }
        }
    }
}
