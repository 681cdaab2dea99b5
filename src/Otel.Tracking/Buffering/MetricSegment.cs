namespace Otel.Tracking.Buffering;

/// <summary>
/// A fixed block of metric points stored as parallel arrays (struct of arrays), so that appending a point
/// writes four array slots and allocates nothing, and flushing copies whole ranges.
/// </summary>
internal sealed class MetricSegment
{
    public MetricSegment(int capacity)
    {
        Keys = new string[capacity];
        Values = new double[capacity];
        Steps = new long[capacity];
        Timestamps = new long[capacity];
    }

    public string[] Keys { get; }

    public double[] Values { get; }

    public long[] Steps { get; }

    /// <summary>Unix epoch nanoseconds.</summary>
    public long[] Timestamps { get; }

    public int Count { get; private set; }

    public bool IsFull => Count == Keys.Length;

    public void Add(string key, double value, long step, long timestampNanos)
    {
        var i = Count;
        Keys[i] = key;
        Values[i] = value;
        Steps[i] = step;
        Timestamps[i] = timestampNanos;
        Count = i + 1;
    }

    /// <summary>Empties the segment for reuse; clears key references so the pool keeps no strings alive.</summary>
    public void Reset()
    {
        Array.Clear(Keys, 0, Count);
        Count = 0;
    }
}
