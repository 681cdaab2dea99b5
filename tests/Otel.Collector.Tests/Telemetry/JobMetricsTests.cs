using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Otel.Collector.Redaction;
using Otel.Collector.Telemetry;

namespace Otel.Collector.Tests.Telemetry;

public sealed class JobMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new();
    private readonly CollectorMeter _meter;
    private readonly InstrumentRecorder _recorded;

    public JobMetricsTests()
    {
        _meter = new CollectorMeter(_services.GetRequiredService<IMeterFactory>(), SecretRedactor.CreateDefault());
        _recorded = new InstrumentRecorder(_meter.Meter);
    }

    public void Dispose()
    {
        _recorded.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task RunJobAsync_Succeeds_CountsARunAndItsDuration()
    {
        await _meter.RunJobAsync("sweep", _time, () =>
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            return Task.CompletedTask;
        });

        Assert.Equal(1, _recorded.Sum(CollectorMeter.JobRuns, ("job", "sweep")));
        Assert.Equal(0, _recorded.Sum(CollectorMeter.JobFailures, ("job", "sweep")));
        Assert.Equal(2, _recorded.Sum(CollectorMeter.JobDuration, ("job", "sweep"), ("outcome", "ok")));
    }

    [Fact]
    public async Task RunJobAsync_Throws_CountsTheFailureAndRethrows()
    {
        var failure = new InvalidOperationException("storage down");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => _meter.RunJobAsync("sweep", _time, () => throw failure));

        Assert.Same(failure, thrown);
        Assert.Equal(1, _recorded.Sum(CollectorMeter.JobRuns, ("job", "sweep")));
        Assert.Equal(1, _recorded.Sum(CollectorMeter.JobFailures, ("job", "sweep")));
    }

    [Fact]
    public async Task RunJobAsync_CancelledByShutdown_NotRecorded()
    {
        await Assert.ThrowsAsync<OperationCanceledException>(() => _meter.RunJobAsync("sweep", _time, () => throw new OperationCanceledException()));

        Assert.Equal(0, _recorded.Sum(CollectorMeter.JobRuns, ("job", "sweep")));
    }

    [Fact]
    public async Task RunJobAsync_WithoutMeter_RunsThePass()
    {
        var ran = false;

        await ((CollectorMeter?)null).RunJobAsync("sweep", _time, () =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
    }
}
