namespace Otel.Collector.Model;

/// <summary>
/// One decoded export request as typed events: the raw OpenTelemetry rows and what they say about runs. Decoders
/// fill it, the processors (<c>Processors/</c>) change it in order, the sinks (<c>Sinks/</c>) encode it into rows.
/// It knows neither OTLP nor ClickHouse formats. Lists keep arrival order, which is the order rows are stored in.
/// </summary>
internal sealed class IngestBatch(ulong receivedAtUnixNano)
{
    /// <summary>When the collector received the request (unix nanoseconds).</summary>
    public ulong ReceivedAtUnixNano { get; } = receivedAtUnixNano;

    /// <summary>Items accepted and refused by decoding, with the reasons.</summary>
    public IngestTally Tally { get; } = new();

    /// <summary>Every resource and scope the rows below refer to, each once (so a processor visits each once).</summary>
    public List<OtelResource> Resources { get; } = [];

    public List<OtelScope> Scopes { get; } = [];

    public List<SpanRow> Spans { get; } = [];
    public List<MetricPointRow> MetricPoints { get; } = [];
    public List<LogRecordRow> Logs { get; } = [];

    /// <summary>Runs started and ended, in arrival order.</summary>
    public List<RunLifecycleEvent> Runs { get; } = [];

    public List<RunParam> Params { get; } = [];
    public List<RunTag> Tags { get; } = [];
    public List<DatasetLogged> Datasets { get; } = [];
    public List<ArtifactLogged> Artifacts { get; } = [];

    /// <summary>Training baselines (<c>ml.baseline</c> events), one per feature or output.</summary>
    public List<BaselineLogged> Baselines { get; } = [];

    /// <summary>The latest sign of life of each run in this request.</summary>
    public List<RunHeartbeat> Heartbeats { get; } = [];

    /// <summary>The runs' metric points (metric history), columnar.</summary>
    public MetricColumns MetricHistory { get; } = new();

    /// <summary>Runs whose run row, params or datasets this request changes: their completeness needs rescoring once stored.</summary>
    public HashSet<string> ChangedRuns { get; } = new(StringComparer.Ordinal);
}
