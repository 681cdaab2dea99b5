namespace Otel.Collector.Telemetry;

/// <summary>Counts and times the runs of background jobs: the one call each job makes around one pass of its work.</summary>
internal static class JobMetrics
{
    /// <summary>The <c>job</c> attribute of the LOST run sweeper.</summary>
    public const string LostRunSweep = "lost_run_sweep";

    /// <summary>The <c>job</c> attribute of the completeness scorer.</summary>
    public const string Completeness = "completeness";

    /// <summary>
    /// Runs one pass of <paramref name="job"/> and records it (run, failure, duration) on <paramref name="meter"/>, or only
    /// runs it without one. Exceptions pass through unchanged; a pass cancelled by shutdown is not recorded.
    /// </summary>
    public static async Task RunJobAsync(this CollectorMeter? meter, string job, TimeProvider time, Func<Task> pass)
    {
        if (meter is null)
        {
            await pass();
            return;
        }

        var started = time.GetTimestamp();
        try
        {
            await pass();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            meter.JobRan(job, failed: true, time.GetElapsedTime(started));
            throw;
        }

        meter.JobRan(job, failed: false, time.GetElapsedTime(started));
    }
}
