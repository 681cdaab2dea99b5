namespace Otel.Collector.Jobs;

/// <summary>
/// Background work that must run on one collector at a time: the jobs host runs it every <see cref="Interval"/>
/// while this collector holds the job's lease. Adding a job is one class and one <c>services.AddJob&lt;T&gt;()</c>.
/// A run must finish within the lease (<see cref="JobOptions.LeaseDuration"/>); its token is cancelled when the
/// lease could have expired. Writes go through the export pipeline, like ingested data.
/// </summary>
internal interface IJob
{
    /// <summary>The lease name, unique per job and stable across versions (collectors of two versions share leases).</summary>
    string Name { get; }

    /// <summary>Time between two runs on the holder.</summary>
    TimeSpan Interval { get; }

    Task RunOnceAsync(JobRun run, CancellationToken cancellationToken);
}
