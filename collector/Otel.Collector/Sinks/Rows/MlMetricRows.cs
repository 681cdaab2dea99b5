using Otel.Collector.Mapping;

namespace Otel.Collector.Sinks.Rows;

/// <summary>
/// Rows of <c>ml_metrics</c>, the bulk of what the collector stores, as a Native block. Run and experiment are the
/// same for every point of a span, so they are encoded once per span and copied into each row.
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

    /// <summary>A run span's points.</summary>
    public static void Write(NativeBlockWriter rows, string runId, string experiment, IReadOnlyList<MetricPoint> points)
    {
        if (points.Count == 0)
        {
            return;
        }

        var run = BinaryValueWriter.EncodeString(runId);
        var experimentBytes = BinaryValueWriter.EncodeString(experiment);
        rows.Column(RunId).Reserve(points.Count * run.Length);
        rows.Column(Experiment).Reserve(points.Count * experimentBytes.Length);
        rows.Column(Step).Reserve(points.Count * sizeof(long));
        rows.Column(Value).Reserve(points.Count * sizeof(double));
        rows.Column(Timestamp).Reserve(points.Count * sizeof(long));
        rows.Column(Source).Reserve(points.Count * Sources.Event.Length);
        foreach (var point in points)
        {
            rows.Column(RunId).WriteEncoded(run);
            rows.Column(Experiment).WriteEncoded(experimentBytes);
            rows.Column(Key).WriteString(point.Key);
            rows.Column(Step).WriteInt64(point.Step);
            rows.Column(Value).WriteFloat64(point.Value);
            rows.Column(Timestamp).WriteTime(point.TimestampUnixNano);
            rows.Column(Source).WriteEncoded(Sources.Event);
            rows.EndRow();
        }
    }

    /// <summary>One point from an OTLP metric that names a run.</summary>
    public static void Write(NativeBlockWriter rows, string runId, string experiment, string key, long step, double value, ulong timestampUnixNano, byte[] source)
    {
        rows.Column(RunId).WriteString(runId);
        rows.Column(Experiment).WriteString(experiment);
        rows.Column(Key).WriteString(key);
        rows.Column(Step).WriteInt64(step);
        rows.Column(Value).WriteFloat64(value);
        rows.Column(Timestamp).WriteTime(timestampUnixNano);
        rows.Column(Source).WriteEncoded(source);
        rows.EndRow();
    }
}
