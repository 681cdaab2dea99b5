using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;

namespace Otel.Collector.Registry;

/// <summary>
/// The one writer of the model registry (docs/registry.md, "One writer"). Every mutation (register, alias move, and
/// governance's gates, approvals, promotions, deployments) runs as a change under an in-process lock, so its checks
/// ("the next version number", "already registered", "the alias points at X now") and its writes are atomic within
/// this collector; and only while this collector holds the <c>registry-writer</c> lease, so they are atomic across
/// collectors on one ClickHouse. A change starts only while the lease is held; it is not cancelled when the lease
/// could end, since its rows, once spooled, land anyway: like a job's last run (docs/jobs.md), a change that outlives
/// the lease by more than the claim window and settle time of the next holder is the one case left unfenced.
/// </summary>
internal sealed class RegistryWriter(ExportPipeline pipeline, RegistryWriterLease lease, JobsHost jobs, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Runs <paramref name="change"/> alone, under the lease, and returns its result.</summary>
    /// <exception cref="RegistryWriterUnavailableException">This collector does not hold the lease: nothing was run.</exception>
    /// <exception cref="RegistryRefusal">The change refused the request: nothing was written.</exception>
    public async Task<T> WriteAsync<T>(Func<RegistryWriteContext, CancellationToken, Task<T>> change, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (lease.HeldTerm is not { } term)
            {
                var holder = await lease.CurrentHolderAsync(cancellationToken);
                throw new RegistryWriterUnavailableException(holder == jobs.Holder ? null : holder, lease.RetryAfter);
            }

            return await change(new RegistryWriteContext(pipeline, time, term), cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
