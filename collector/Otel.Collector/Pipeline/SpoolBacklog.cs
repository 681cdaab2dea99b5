using Otel.Collector.Spool;

namespace Otel.Collector.Pipeline;

/// <summary>
/// The spool records not yet stored, for the collector's own gauges: how many, and since when the oldest waits. Each
/// committed group of records is remembered with its end and time; the shipper's checkpoint releases them.
/// </summary>
internal sealed class SpoolBacklog(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Queue<(SpoolPosition End, long Records, long Timestamp)> _groups = new();
    private long _records;

    public long Records
    {
        get
        {
            lock (_lock)
            {
                return _records;
            }
        }
    }

    /// <summary>How long the oldest record still pending has waited; zero when nothing is pending.</summary>
    public TimeSpan OldestAge
    {
        get
        {
            lock (_lock)
            {
                return _groups.TryPeek(out var oldest) ? time.GetElapsedTime(oldest.Timestamp) : TimeSpan.Zero;
            }
        }
    }

    /// <summary>
    /// <paramref name="records"/> records ending at <paramref name="end"/> are durable in the spool. Records left by an
    /// earlier run are added at start, so their age counts from this start.
    /// </summary>
    public void Spooled(SpoolPosition end, long records)
    {
        if (records <= 0)
        {
            return;
        }

        lock (_lock)
        {
            _groups.Enqueue((end, records, time.GetTimestamp()));
            _records += records;
        }
    }

    /// <summary>Everything up to <paramref name="end"/> is stored (or set aside).</summary>
    public void Stored(SpoolPosition end)
    {
        lock (_lock)
        {
            while (_groups.TryPeek(out var group) && group.End <= end)
            {
                _groups.Dequeue();
                _records -= group.Records;
            }
        }
    }
}
