using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Otel.Collector.ClickHouse;
using Otel.Collector.Telemetry;

namespace Otel.Collector.Jobs;

/// <summary>
/// Runs every registered <see cref="IJob"/> on its interval while this collector holds the job's lease, so that with
/// several collectors on one ClickHouse each job runs on exactly one of them at a time. Every run is preceded by a
/// lease step against ClickHouse (renewing it), so a collector that was paused, or whose clock runs slow, learns that
/// it lost the lease before it runs again.
/// </summary>
internal sealed partial class JobsHost : BackgroundService
{
    /// <summary>Shortest pause between passes, so a lease that reads oddly cannot spin the loop.</summary>
    private static readonly TimeSpan MinPause = TimeSpan.FromMilliseconds(10);

    private readonly Scheduled[] _jobs;
    private readonly JobOptions _options;
    private readonly JobWakeups _wakeups;
    private readonly TimeProvider _time;
    private readonly ILogger<JobsHost> _logger;
    private readonly CollectorMeter? _meter;

    public JobsHost(IEnumerable<IJob> jobs, IClickHouseStore store, JobOptions options, JobWakeups wakeups, TimeProvider time, ILogger<JobsHost> logger,
        CollectorMeter? meter = null, string? holder = null)
    {
        _meter = meter;
        Holder = holder ?? JobHolder.NewIdentity();
        _jobs = [.. jobs.Select(job => new Scheduled(job, new JobLease(store, job.Name, Holder, options, time)))];
        _options = options;
        _wakeups = wakeups;
        _time = time;
        _logger = logger;
    }

    /// <summary>This collector's identity in <c>ml_job_leases</c>.</summary>
    public string Holder { get; }

    /// <summary>
    /// One pass: steps the lease of every job whose lease check or run is due, runs the due jobs it holds, and returns
    /// how long to wait before the next pass.
    /// </summary>
    public async Task<TimeSpan> RunDueAsync(CancellationToken cancellationToken)
    {
        var next = _options.RenewInterval;
        foreach (var job in _jobs)
        {
            var now = _time.GetTimestamp();
            if (_wakeups.Take(job.Job.Name) is { } soon && job.Lease.IsHeld)
            {
                job.NextRun = Math.Min(job.NextRun, now + ToTicks(soon));
            }

            if (now >= job.NextLeaseCheck || (job.Lease.IsHeld && now >= job.NextRun))
            {
                await StepAsync(job, now, cancellationToken);
            }

            var until = job.NextLeaseCheck;
            if (job.Lease.IsHeld)
            {
                until = Math.Min(until, job.NextRun);
            }

            var wait = _time.GetElapsedTime(_time.GetTimestamp(), until);
            next = wait < next ? wait : next;
        }

        return next < MinPause ? MinPause : next;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var pause = _options.RenewInterval;
            try
            {
                pause = await RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(_logger, ex);
            }

            try
            {
                await _wakeups.WaitAsync(pause, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var job in _jobs.Where(j => j.Lease.IsHeld))
        {
            try
            {
                await job.LeaseStore.ReleaseAsync(job.Lease.Term, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The lease then simply expires.
                LogReleaseFailed(_logger, ex, job.Job.Name);
            }
        }
    }

    private async Task StepAsync(Scheduled job, long now, CancellationToken cancellationToken)
    {
        try
        {
            job.Lease = await job.LeaseStore.StepAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            job.Lease = LeaseOutcome.NotHeld(_options.RenewInterval);
            LogLeaseFailed(_logger, ex, job.Job.Name);
        }

        job.NextLeaseCheck = now + ToTicks(job.Lease.RecheckAfter);
        if (!job.Lease.IsHeld || now < job.NextRun)
        {
            return;
        }

        var remaining = job.Lease.HeldFor - _time.GetElapsedTime(job.Lease.MeasuredFrom);
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }

        job.NextRun = now + ToTicks(job.Job.Interval);
        using var withinLease = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var leaseEnds = new CancellationTokenSource(remaining, _time);
        using var registration = leaseEnds.Token.Register(withinLease.Cancel);
        try
        {
            await _meter.RunJobAsync(job.Job.Name, _time, () => job.Job.RunOnceAsync(
                new JobRun(job.Job.Name, job.Lease.Term, Holder) { HeldUntil = job.Lease.MeasuredFrom + ToTicks(job.Lease.HeldFor) }, withinLease.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogRunOutlivedLease(_logger, job.Job.Name, remaining);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRunFailed(_logger, ex, job.Job.Name);
        }
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Job {Job} failed; it runs again at its next interval")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string job);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Job {Job} was stopped: it ran longer than its lease was sure to last ({Remaining})")]
    private static partial void LogRunOutlivedLease(ILogger logger, string job, TimeSpan remaining);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Reading or renewing the lease of job {Job} failed; will retry")]
    private static partial void LogLeaseFailed(ILogger logger, Exception exception, string job);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "The jobs host's pass failed; will retry")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 404, Level = LogLevel.Information, Message = "Releasing the lease of job {Job} failed; it expires on its own")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string job);

    /// <summary>A job with its lease and when it is next due, in <see cref="TimeProvider"/> timestamps.</summary>
    private sealed class Scheduled(IJob job, JobLease lease)
    {
        public IJob Job { get; } = job;

        public JobLease LeaseStore { get; } = lease;

        public LeaseOutcome Lease { get; set; } = LeaseOutcome.NotHeld(TimeSpan.Zero);

        public long NextLeaseCheck { get; set; }

        public long NextRun { get; set; }
    }
}
