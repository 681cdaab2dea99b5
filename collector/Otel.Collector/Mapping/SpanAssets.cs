namespace Otel.Collector.Mapping;

/// <summary>What the events of one run span carry: metric points, datasets and artifacts. Reused across spans.</summary>
internal sealed class SpanAssets
{
    public List<MetricPoint> Points { get; } = [];

    public List<DatasetRecord> Datasets { get; } = [];

    public List<ArtifactRecord> Artifacts { get; } = [];

    public void Clear()
    {
        Points.Clear();
        Datasets.Clear();
        Artifacts.Clear();
    }
}
