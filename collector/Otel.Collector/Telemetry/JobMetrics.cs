namespace Otel.Collector.Telemetry;

/// <summary>Counts and times the runs of background jobs: the jobs host's one call around each run (attribute <c>job</c>: the job's name).</summary>
internal static class JobMetrics
{
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
