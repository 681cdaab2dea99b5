namespace Otel.Tracking.Buffering;

/// <summary>
/// A run's bounded buffer of metric points: a chain of <see cref="MetricSegment"/>s, recycled through a pool so
/// that in steady state logging allocates nothing. Memory grows with use up to the capacity and is kept for reuse
/// until the run ends. Not thread-safe: the owning run calls it under its lock.
/// </summary>
internal sealed class MetricBuffer
{
    /// <summary>Points per segment: 4,096 points are 128 KiB, each array below the large object heap threshold.</summary>
    internal const int DefaultSegmentSize = 4096;

    private readonly int _capacity;
    private readonly int _segmentSize;
    private readonly Stack<MetricSegment> _pool;
    private readonly List<MetricSegment> _filled;
    private MetricSegment _current;

    public MetricBuffer(int capacity, int segmentSize = DefaultSegmentSize)
    {
        _capacity = capacity;
        _segmentSize = Math.Min(segmentSize, capacity);
        var maxSegments = (capacity / _segmentSize) + 2;

        // Sized for the worst case up front, so pushing and adding segments never grows these collections.
        _pool = new Stack<MetricSegment>(maxSegments);
        _filled = new List<MetricSegment>(maxSegments);
        _current = new MetricSegment(_segmentSize);
    }

    /// <summary>Points buffered since the last drain.</summary>
    public int Count { get; private set; }

    /// <summary>Appends a point, or returns false when the buffer holds <c>capacity</c> points already.</summary>
    public bool TryAdd(string key, double value, long step, long timestampNanos)
    {
        if (Count >= _capacity)
        {
            return false;
        }

        if (_current.IsFull)
        {
            _filled.Add(_current);
            _current = Rent();
        }

        _current.Add(key, value, step, timestampNanos);
        Count++;
        return true;
    }

    /// <summary>Moves every buffered segment, oldest first, to <paramref name="into"/>; returns the point count.</summary>
    public int DrainTo(List<MetricSegment> into)
    {
        into.AddRange(_filled);
        _filled.Clear();
        if (_current.Count > 0)
        {
            into.Add(_current);
            _current = Rent();
        }

        var drained = Count;
        Count = 0;
        return drained;
    }

    /// <summary>Takes drained segments back for reuse.</summary>
    public void Return(List<MetricSegment> segments)
    {
        foreach (var segment in segments)
        {
            segment.Reset();
            _pool.Push(segment);
        }
    }

    private MetricSegment Rent() => _pool.Count > 0 ? _pool.Pop() : new MetricSegment(_segmentSize);
}
