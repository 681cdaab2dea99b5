namespace Otel.Collector.Ingest.Decoding;

/// <summary>
/// The largest <c>ml.metrics</c> arrays that are read straight into columns: at most <paramref name="MaxLength"/> elements
/// and keys of at most <paramref name="MaxStringBytes"/> UTF-8 bytes, the edge limits' array length and value size. An
/// event over them is decoded as objects, so that the edge limits reject it with the same reason as ever.
/// </summary>
internal readonly record struct MetricArrayBounds(int MaxLength, int MaxStringBytes);
