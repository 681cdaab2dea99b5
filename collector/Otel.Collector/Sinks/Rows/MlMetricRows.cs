using Otel.Collector.Model;

namespace Otel.Collector.Sinks.Rows;

/// <summary>
/// Rows of <c>ml_metrics</c>, the bulk of what the collector stores, as a Native block. Run and experiment are the
/// same for every point of a segment (a span's points), so they are encoded once per segment and copied into each row.
/// </summary>
internal static class MlMetricRows
{
    private const int RunId = 0, Experiment = 1, Key = 2, Step = 3, Value = 4, Timestamp = 5, Source = 6;

    /// <summary>Strings go as String: ClickHouse casts a whole column to LowCardinality faster than it fills one row by row.</summary>
    public static readonly IReadOnlyList<NativeColumn> Columns =
    [
        new("RunId", "String"), new("Experiment", "String"), new("Key", "String"), new("Step", "Int64"), new("Value", "Float64"),
        new("Timestamp", "DateTime64(9, 'UTC')"), new("Source", "String"),
    ];

    /// <summary>Where a point came from: an <c>ml.metrics</c>/<c>ml.metric</c> span event, or an OTLP metric.</summary>
    public static class Sources
    {
        public static readonly byte[] Event = BinaryValueWriter.EncodeString("event");
        public static readonly byte[] OtelMetric = BinaryValueWriter.EncodeString("otel_metric");
    }

    public static NativeBlockWriter NewBlock() => new(Columns);

    /// <summary>The points of one segment: one run, one source.</summary>
    public static void Write(NativeBlockWriter rows, MetricColumns points, MetricSegment segment)
    {
        var range = new Range(segment.Start, segment.Start + segment.Count);
        var keys = points.Keys[range];
        var values = points.Values[range];
        var steps = points.Steps[range];
        var timestamps = points.Timestamps[range];
        var source = segment.Source == MetricSource.Event ? Sources.Event : Sources.OtelMetric;
        if (keys.Length == 1)
        {
            // A lone point (an OTLP metric naming a run) is cheaper written as it is than encoded once for reuse.
            rows.Column(RunId).WriteString(segment.RunId);
            rows.Column(Experiment).WriteString(segment.Experiment);
            WritePoint(rows, keys[0], steps[0], values[0], timestamps[0], source);
            return;
        }

        var run = BinaryValueWriter.EncodeString(segment.RunId);
        var experimentBytes = BinaryValueWriter.EncodeString(segment.Experiment);
        rows.Column(RunId).Reserve(keys.Length * run.Length);
        rows.Column(Experiment).Reserve(keys.Length * experimentBytes.Length);
        rows.Column(Step).Reserve(keys.Length * sizeof(long));
        rows.Column(Value).Reserve(keys.Length * sizeof(double));
        rows.Column(Timestamp).Reserve(keys.Length * sizeof(long));
        rows.Column(Source).Reserve(keys.Length * source.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            rows.Column(RunId).WriteEncoded(run);
            rows.Column(Experiment).WriteEncoded(experimentBytes);
            WritePoint(rows, keys[i], steps[i], values[i], timestamps[i], source);
        }
    }

    private static void WritePoint(NativeBlockWriter rows, string key, long step, double value, ulong timestampUnixNano, byte[] source)
    {
        rows.Column(Key).WriteString(key);
        rows.Column(Step).WriteInt64(step);
        rows.Column(Value).WriteFloat64(value);
        rows.Column(Timestamp).WriteTime(timestampUnixNano);
        rows.Column(Source).WriteEncoded(source);
        rows.EndRow();
    }
}
