using Otel.Collector.Time;

namespace Otel.Collector.Runs.Lifecycle;

/// <summary>
/// Versions of lifecycle and tag rows: the collector's time in unix nanoseconds, strictly increasing within this
/// process, so an archive followed by a restore in the same tick still orders (newest row wins).
/// </summary>
internal sealed class LifecycleClock(TimeProvider time)
{
    private ulong _last;

    public ulong Next()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var next = Math.Max(time.NowNanos(), last + 1);
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return next;
            }
        }
    }
}
