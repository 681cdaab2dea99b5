using Otel.Collector.ClickHouse;
using Otel.Collector.Jobs;
using Otel.Collector.Query;

namespace Otel.Collector.Registry;

/// <summary>
/// Holds the job lease <see cref="JobName"/> for the registry writer: the jobs host claims and renews it like any
/// job's, and each run records until when this collector is sure of it. Registry writes are made only within that
/// holding, so two collectors on one ClickHouse never number versions or move aliases at once.
/// </summary>
internal sealed class RegistryWriterLease(IClickHouseStore store, JobOptions options, TimeProvider time) : IJob
{
    public const string JobName = "registry-writer";

    private const string HolderSql = """
        SELECT Holder FROM ml_job_leases
        WHERE Job = {job:String} AND Kind != 'release'
        ORDER BY Term DESC, At DESC LIMIT 1
        """;

    private volatile Holding? _holding;

    public string Name => JobName;

    /// <summary>Each run renews the lease first, so renewing this often keeps the holding from lapsing between runs.</summary>
    public TimeSpan Interval => options.RenewInterval;

    /// <summary>How long a refused client should wait: about the time a lease takes to be claimed and decided.</summary>
    public TimeSpan RetryAfter => TimeSpan.FromSeconds(Math.Ceiling((options.ClaimWindow + options.Settle).TotalSeconds) + 1);

    /// <summary>The term this collector holds now, or null (never held, or held past the point it was sure of).</summary>
    public ulong? HeldTerm => _holding is { } h && time.GetTimestamp() < h.Until ? h.Term : null;

    public Task RunOnceAsync(JobRun run, CancellationToken cancellationToken)
    {
        _holding = new Holding(run.Term, run.HeldUntil);
        return Task.CompletedTask;
    }

    /// <summary>The collector that last claimed or renewed the lease, for the message of a refused write.</summary>
    public async Task<string?> CurrentHolderAsync(CancellationToken cancellationToken)
    {
        var rows = JsonRows.Parse(await store.QueryAsync(HolderSql, "JSONEachRow", new QueryParameters().Add("job", JobName), cancellationToken));
        return rows.Select(r => r.String("Holder")).FirstOrDefault();
    }

    private sealed record Holding(ulong Term, long Until);
}
