namespace Otel.Tracking.Buffering;

/// <summary>The parallel arrays of one <c>ml.metrics</c> event; owned by the exporter once handed over.</summary>
internal sealed class MetricChunk
{
    private MetricChunk(int count)
    {
        Keys = new string[count];
        Values = new double[count];
        Steps = new long[count];
        Timestamps = new long[count];
    }

    public string[] Keys { get; }

    public double[] Values { get; }

    public long[] Steps { get; }

    public long[] Timestamps { get; }

    /// <summary>
    /// Cuts drained segments into chunks of at most <paramref name="maxPointsPerChunk"/> points, in logging order.
    /// The arrays are fresh because the exporter serializes them later, on its own thread.
    /// </summary>
    public static List<MetricChunk> Split(IReadOnlyList<MetricSegment> segments, int totalPoints, int maxPointsPerChunk)
    {
        var chunks = new List<MetricChunk>((totalPoints + maxPointsPerChunk - 1) / maxPointsPerChunk);
        var segmentIndex = 0;
        var offset = 0;
        var remaining = totalPoints;
        while (remaining > 0)
        {
            var chunk = new MetricChunk(Math.Min(remaining, maxPointsPerChunk));
            var filled = 0;
            while (filled < chunk.Keys.Length)
            {
                var segment = segments[segmentIndex];
                var take = Math.Min(segment.Count - offset, chunk.Keys.Length - filled);
                Array.Copy(segment.Keys, offset, chunk.Keys, filled, take);
                Array.Copy(segment.Values, offset, chunk.Values, filled, take);
                Array.Copy(segment.Steps, offset, chunk.Steps, filled, take);
                Array.Copy(segment.Timestamps, offset, chunk.Timestamps, filled, take);
                filled += take;
                offset += take;
                if (offset == segment.Count)
                {
                    segmentIndex++;
                    offset = 0;
                }
            }

            chunks.Add(chunk);
            remaining -= chunk.Keys.Length;
        }

        return chunks;
    }
}
