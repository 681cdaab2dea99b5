using System.Collections.Concurrent;

namespace Otel.Collector.Jobs;

/// <summary>
/// Asks the jobs host to run a job sooner than its interval (ingest noticed work for it). Only a hint: on a collector
/// that does not hold the job's lease it changes nothing, so a job must find its work in the tables, not in wake-ups.
/// </summary>
internal sealed class JobWakeups : IDisposable
{
    private readonly ConcurrentDictionary<string, TimeSpan> _requested = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Run <paramref name="job"/> within <paramref name="delay"/> (a moment to gather more work), if this collector holds it.</summary>
    public void Request(string job, TimeSpan delay)
    {
        _requested.AddOrUpdate(job, delay, (_, earlier) => earlier < delay ? earlier : delay);
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the host will drain every request at once.
        }
    }

    /// <summary>The delay requested for <paramref name="job"/> since the last call, if any.</summary>
    public TimeSpan? Take(string job) => _requested.TryRemove(job, out var delay) ? delay : null;

    /// <summary>Waits for <paramref name="delay"/> to pass on <paramref name="time"/>, or for a request.</summary>
    public async Task WaitAsync(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = _signal.WaitAsync(stop.Token);
        await Task.WhenAny(Task.Delay(delay, time, stop.Token), signalled);
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    public void Dispose() => _signal.Dispose();
}
