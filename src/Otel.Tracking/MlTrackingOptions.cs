using OpenTelemetry.Exporter;

namespace Otel.Tracking;

/// <summary>
/// Settings of a tracker. The first group applies only to <see cref="MlTracking.Create"/>, which owns its
/// OpenTelemetry pipeline; the rest apply to every tracker. Unset exporter settings fall back to the standard
/// OpenTelemetry environment variables, then to OpenTelemetry's defaults.
/// </summary>
public sealed class MlTrackingOptions
{
    /// <summary>
    /// <c>service.name</c> of the resource. Default: <c>OTEL_SERVICE_NAME</c>, else OpenTelemetry's
    /// <c>unknown_service:&lt;process&gt;</c>. <c>OTEL_RESOURCE_ATTRIBUTES</c> is always honoured.
    /// Only for <see cref="MlTracking.Create"/>.
    /// </summary>
    public string? ServiceName { get; set; }

    /// <summary>
    /// Base address of the OTLP receiver, e.g. <c>http://localhost:4318</c>; for http/protobuf the signal paths
    /// <c>v1/traces</c> and <c>v1/metrics</c> are appended. Default: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, else
    /// <c>http://localhost:4317</c> (gRPC) or <c>http://localhost:4318</c> (http/protobuf).
    /// Only for <see cref="MlTracking.Create"/>.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// Headers sent with every OTLP export of <see cref="MlTracking.Create"/> and with every artifact upload, in the
    /// OTLP format <c>name1=value1,name2=value2</c> (values may be percent-encoded), e.g.
    /// <c>Authorization=Bearer otk_…</c> for a collector that requires an API key. Default:
    /// <c>OTEL_EXPORTER_OTLP_HEADERS</c>, which artifact uploads also honour over the host's own pipeline.
    /// </summary>
    public string? Headers { get; set; }

    /// <summary>
    /// OTLP transport. Default: <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> (<c>grpc</c> | <c>http/protobuf</c>), else gRPC.
    /// Only for <see cref="MlTracking.Create"/>.
    /// </summary>
    public OtlpExportProtocol? Protocol { get; set; }

    /// <summary>
    /// Delay of the batch span processor between exports. Default: <c>OTEL_BSP_SCHEDULE_DELAY</c> (milliseconds),
    /// else 1 s (OpenTelemetry's own default is 5 s, too slow for live metrics). Range: 10 ms to 1 min.
    /// Only for <see cref="MlTracking.Create"/>.
    /// </summary>
    public TimeSpan? SpanExportDelay { get; set; }

    /// <summary>
    /// Interval of the periodic metric reader (process metrics, SDK counters). Default:
    /// <c>OTEL_METRIC_EXPORT_INTERVAL</c> (milliseconds), else 10 s. Range: 100 ms to 10 min.
    /// Only for <see cref="MlTracking.Create"/>.
    /// </summary>
    public TimeSpan? MetricExportInterval { get; set; }

    /// <summary>
    /// A run's buffered metric points are sent at least this often as <c>ml.run.metrics</c> spans, and tags set
    /// during the run go out within this time. Default: 1 s. Range: 10 ms to 1 min.
    /// </summary>
    public TimeSpan MetricFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A run that has sent nothing for this long sends an <c>ml.run.heartbeat</c> span, so the collector knows it
    /// is alive. Default: 30 s. Range: at least <see cref="MetricFlushInterval"/>, at most 1 h.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most points in one <c>ml.metrics</c> event; a flush with more is split over several <c>ml.run.metrics</c>
    /// spans. Default: 10,000 (about 0.3 MB per span with short keys). Range: 1 to 1,000,000.
    /// </summary>
    public int MaxPointsPerEvent { get; set; } = 10_000;

    /// <summary>
    /// Most points a run buffers between flushes. When full, new points are dropped and counted in
    /// <c>ml.sdk.points.dropped</c> (<c>error.type=buffer_full</c>); logging never blocks. Memory grows with use,
    /// about 32 bytes per buffered point. Default: 1,000,000. Range: 1 to 100,000,000.
    /// </summary>
    public int MaxBufferedPoints { get; set; } = 1_000_000;

    /// <summary>
    /// When true, SIGINT (Ctrl+C) and SIGTERM mark every active run KILLED and flush before the default action of
    /// the signal proceeds (the signal is never cancelled). Turn off when the host handles these signals to shut
    /// down gracefully and ends its runs itself. Default: true.
    /// </summary>
    public bool HandleTerminationSignals { get; set; } = true;

    /// <summary>
    /// How long disposing the tracker, process exit, an unhandled exception or a termination signal wait for the
    /// pipeline owned by <see cref="MlTracking.Create"/> to export. Default: 5 s. Range: 0 to 1 min.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When true, the pipeline of <see cref="MlTracking.Create"/> describes the process on its resource: git commit,
    /// branch, dirty flag and remote, CI run, container, host, runtime, command line and package versions (see
    /// "Environment captured by the .NET SDK" in docs/semantic-conventions.md). Captured once per process.
    /// With your own pipeline, call <c>ResourceBuilder.AddMlEnvironment()</c> instead. Default: true.
    /// </summary>
    public bool CaptureEnvironment { get; set; } = true;

    /// <summary>
    /// When true and the git working tree has uncommitted changes to tracked files, a run logs the output of
    /// <c>git diff HEAD</c> as the artifact <c>vcs/uncommitted.diff</c> (its SHA-256 is on the resource either way).
    /// Turn off when diffs may hold data that must not leave the machine. Default: true.
    /// </summary>
    public bool CaptureGitDiff { get; set; } = true;

    /// <summary>
    /// Collector that receives artifact bytes (<c>PUT {ArtifactEndpoint}/api/artifacts/{sha256}</c>, see
    /// <see cref="MlRun.LogArtifact"/>). Default: <c>OTEL_TRACK_ENDPOINT</c>, else the OTLP endpoint
    /// (<see cref="Endpoint"/> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>): as is for http/protobuf, on port 4318 for gRPC;
    /// else <c>http://localhost:4318</c>.
    /// </summary>
    public Uri? ArtifactEndpoint { get; set; }

    /// <summary>
    /// When false, <see cref="MlRun.LogArtifact"/> records an artifact's path, SHA-256 and size but never sends its
    /// bytes (its <c>ml.artifact.uri</c> is then the local <c>file://</c> URI). Default: true.
    /// </summary>
    public bool UploadArtifacts { get; set; } = true;

    /// <summary>
    /// When true (default), exports that do not reach a collector (nothing listening, the wrong port or protocol, a
    /// refused key, back-pressure) are kept on local disk (bounded: 50 MB per signal) and sent, over the configured
    /// protocol, once a collector accepts exports at the configured endpoint, also by a later process using the same
    /// <see cref="OfflineDirectory"/>. Either way the first failure is reported once on stderr, as a line starting
    /// <c>otel-track:</c>. Off, or <c>OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY</c> set, leaves retrying to the exporter.
    /// Only for <see cref="MlTracking.Create"/>.
    /// </summary>
    public bool BufferOffline { get; set; } = true;

    /// <summary>
    /// Where exports wait while no collector accepts them. Default: <c>$XDG_CACHE_HOME/otel-track/offline</c> when
    /// <c>XDG_CACHE_HOME</c> is set, else <c>~/.cache/otel-track/offline</c>.
    /// </summary>
    public string? OfflineDirectory { get; set; }

    /// <summary>
    /// When true, <see cref="MlRun.LogDataset(string, string?, string, string?)"/> with context <c>training</c> also logs the
    /// dataset's baseline: one <c>ml.baseline</c> event per CSV, TSV or Parquet column. Turn off when the columns'
    /// distributions must not leave the machine, or log chosen columns with <see cref="MlRun.LogFeatureBaseline(string, IEnumerable{double})"/>.
    /// Default: true.
    /// </summary>
    public bool ProfileTrainingDatasets { get; set; } = true;

    /// <summary>Quantile bins of a numeric baseline: 10 gives deciles. Default: 10. Range: 2 to 1,000.</summary>
    public int BaselineBins { get; set; } = 10;

    /// <summary>Categories a categorical baseline keeps; the rest count as <c>__other__</c>. Default: 20. Range: 1 to 1,000.</summary>
    public int BaselineTopCategories { get; set; } = 20;

    /// <summary>
    /// Rows of a training dataset its baseline is computed from: a uniform sample (reservoir, fixed seed) of at most this
    /// many rows, so memory stays bounded whatever the file size (about 8 bytes per numeric cell kept). The baseline's
    /// counts are those of the sample. Default: 100,000. Range: 1,000 to 10,000,000.
    /// </summary>
    public int BaselineMaxRows { get; set; } = 100_000;

    /// <summary>
    /// When true, every active run reports the machine's system metrics with its <c>ml.run.id</c> at each metric collection
    /// (every <see cref="MetricExportInterval"/> with <see cref="MlTracking.Create"/>, your reader's interval otherwise):
    /// <c>system.cpu.utilization</c>, <c>system.memory.usage</c>, <c>system.disk.io</c>, <c>system.network.io</c> (Linux)
    /// and <c>hw.gpu.*</c> (where <c>nvidia-smi</c> is on PATH), beside <c>process.cpu.time</c> and
    /// <c>process.memory.usage</c>; <see cref="MlTracking.Create"/> also adds .NET runtime metrics (GC, JIT, thread pool).
    /// <c>OTEL_TRACK_SYSTEM_METRICS=false</c> turns them off for the whole process. Default: true.
    /// </summary>
    public bool SystemMetrics { get; set; } = true;

    /// <summary>Where the one-line report of an export failure goes. Default: stderr.</summary>
    internal TextWriter? ProblemOutput { get; set; }

    /// <summary>How often exports kept on disk are offered to the collector again. Default: 5 s.</summary>
    internal TimeSpan OfflineRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per artifact upload (HEAD and PUT), with exponential backoff between them. Default: 4.</summary>
    internal int ArtifactUploadAttempts { get; set; } = 4;

    /// <summary>Wait before the first retry of an upload; doubled for each later one. Default: 0.5 s.</summary>
    internal TimeSpan ArtifactRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Copies the options so later changes by the caller do not reach a running tracker.</summary>
    internal MlTrackingOptions Clone() => (MlTrackingOptions)MemberwiseClone();

    /// <summary>Every invalid setting at once, each naming the property to fix.</summary>
    internal IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        CheckRange(errors, nameof(MetricFlushInterval), MetricFlushInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1));
        CheckRange(errors, nameof(HeartbeatInterval), HeartbeatInterval, MetricFlushInterval, TimeSpan.FromHours(1));
        CheckRange(errors, nameof(ShutdownTimeout), ShutdownTimeout, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        if (SpanExportDelay is { } delay)
        {
            CheckRange(errors, nameof(SpanExportDelay), delay, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1));
        }

        if (MetricExportInterval is { } interval)
        {
            CheckRange(errors, nameof(MetricExportInterval), interval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        }

        if (MaxPointsPerEvent is < 1 or > 1_000_000)
        {
            errors.Add($"{nameof(MaxPointsPerEvent)} must be between 1 and 1,000,000 (was {MaxPointsPerEvent}).");
        }

        if (MaxBufferedPoints is < 1 or > 100_000_000)
        {
            errors.Add($"{nameof(MaxBufferedPoints)} must be between 1 and 100,000,000 (was {MaxBufferedPoints}).");
        }

        if (BaselineBins is < Baselines.BaselineSettings.MinBins or > Baselines.BaselineSettings.MaxBins)
        {
            errors.Add($"{nameof(BaselineBins)} must be between 2 and 1,000 (was {BaselineBins}).");
        }

        if (BaselineTopCategories is < 1 or > Baselines.BaselineSettings.MaxTopCategories)
        {
            errors.Add($"{nameof(BaselineTopCategories)} must be between 1 and 1,000 (was {BaselineTopCategories}).");
        }

        if (BaselineMaxRows is < 1_000 or > 10_000_000)
        {
            errors.Add($"{nameof(BaselineMaxRows)} must be between 1,000 and 10,000,000 (was {BaselineMaxRows}).");
        }

        if (ArtifactEndpoint is not null && (!ArtifactEndpoint.IsAbsoluteUri || ArtifactEndpoint.Scheme is not ("http" or "https")))
        {
            errors.Add($"{nameof(ArtifactEndpoint)} must be an absolute http(s) URI such as http://localhost:4318 (was '{ArtifactEndpoint}').");
        }

        if (Endpoint is { IsAbsoluteUri: false })
        {
            errors.Add($"{nameof(Endpoint)} must be an absolute URI such as http://localhost:4318 (was '{Endpoint}').");
        }

        return errors;
    }

    private static void CheckRange(List<string> errors, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} must be between {min} and {max} (was {value}).");
        }
    }
}
