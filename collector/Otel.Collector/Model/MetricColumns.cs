using System.Runtime.InteropServices;

namespace Otel.Collector.Model;

/// <summary>Where a run's metric point came from: an <c>ml.metric</c>/<c>ml.metrics</c> span event, or an OTLP metric naming the run.</summary>
internal enum MetricSource
{
    Event,
    OtelMetric,
}

/// <summary>
/// The run metric points of one ingest batch, column by column (struct of arrays): logging metrics is the hot path,
/// so a point is four array slots, never an object. Consecutive points of one run and source form a
/// <see cref="MetricSegment"/>, in the order they arrived. A decoder appends points and then closes the segment;
/// nothing here knows OTLP, so a decoder reading the batched arrays straight from protobuf bytes fills it the same way.
/// </summary>
internal sealed class MetricColumns
{
    private readonly List<string> _keys = [];
    private readonly List<double> _values = [];
    private readonly List<long> _steps = [];
    private readonly List<ulong> _timestamps = [];
    private readonly List<MetricSegment> _segments = [];

    public int Count => _keys.Count;

    public ReadOnlySpan<string> Keys => CollectionsMarshal.AsSpan(_keys);
    public ReadOnlySpan<double> Values => CollectionsMarshal.AsSpan(_values);
    public ReadOnlySpan<long> Steps => CollectionsMarshal.AsSpan(_steps);
    public ReadOnlySpan<ulong> Timestamps => CollectionsMarshal.AsSpan(_timestamps);

    public IReadOnlyList<MetricSegment> Segments => _segments;

    /// <summary>Makes room for <paramref name="points"/> more points at once, so a large batched event grows each column once.</summary>
    public void Reserve(int points)
    {
        var capacity = Count + points;
        _keys.EnsureCapacity(capacity);
        _values.EnsureCapacity(capacity);
        _steps.EnsureCapacity(capacity);
        _timestamps.EnsureCapacity(capacity);
    }

    public void Add(string key, double value, long step, ulong timestampUnixNano)
    {
        _keys.Add(key);
        _values.Add(value);
        _steps.Add(step);
        _timestamps.Add(timestampUnixNano);
    }

    /// <summary>Drops the points from <paramref name="count"/> on: those of an event or span refused after some of its points were read.</summary>
    public void Truncate(int count)
    {
        var extra = Count - count;
        _keys.RemoveRange(count, extra);
        _values.RemoveRange(count, extra);
        _steps.RemoveRange(count, extra);
        _timestamps.RemoveRange(count, extra);
    }

    /// <summary>Closes the segment of the points added since <paramref name="start"/> (nothing when there are none).</summary>
    public void EndSegment(int start, string runId, string experiment, MetricSource source)
    {
        if (Count > start)
        {
            _segments.Add(new MetricSegment(runId, experiment, source, start, Count - start));
        }
    }
}

/// <summary>The points <c>[Start, Start + Count)</c> of <see cref="MetricColumns"/>, all of one run and one source.</summary>
internal readonly record struct MetricSegment(string RunId, string Experiment, MetricSource Source, int Start, int Count);
