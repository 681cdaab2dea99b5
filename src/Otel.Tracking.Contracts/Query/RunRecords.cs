using System.Text.Json.Serialization;

namespace Otel.Tracking.Query;

/// <summary>A run as the query API returns it (the CLI's <c>--json</c> contract).</summary>
public record RunSummary
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("experiment")] public required string Experiment { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("statusMessage")] public string? StatusMessage { get; init; }
    [JsonPropertyName("startTime")] public required DateTimeOffset StartTime { get; init; }
    [JsonPropertyName("endTime")] public DateTimeOffset? EndTime { get; init; }
    [JsonPropertyName("parentId")] public string? ParentId { get; init; }
    [JsonPropertyName("serviceName")] public string? ServiceName { get; init; }
    [JsonPropertyName("traceId")] public string? TraceId { get; init; }
    [JsonPropertyName("params")] public Dictionary<string, string> Params { get; init; } = [];
    [JsonPropertyName("tags")] public Dictionary<string, string> Tags { get; init; } = [];
    [JsonPropertyName("metrics")] public Dictionary<string, double> Metrics { get; init; } = [];

    /// <summary>Fraction (0–1) of the collector's mandatory metadata the run carries; null until scored.</summary>
    [JsonPropertyName("completeness")] public double? Completeness { get; set; }

    /// <summary>How many attempts (CI retries of the same experiment, run name, commit and pipeline run) share this logical run.</summary>
    [JsonPropertyName("attempts")] public int Attempts { get; set; } = 1;

    /// <summary>The run this one reproduces, if it was started by <c>otel-track reproduce --run</c>.</summary>
    [JsonPropertyName("reproduces")] public string? Reproduces { get; init; }

    /// <summary>Lifecycle state: <see cref="RunLifecycleStates.Active"/>, <see cref="RunLifecycleStates.Archived"/> or <see cref="RunLifecycleStates.Deleted"/>.</summary>
    [JsonPropertyName("state")] public string State { get; init; } = RunLifecycleStates.Active;

    /// <summary>Under legal hold: never purged, never touched by retention.</summary>
    [JsonPropertyName("held")] public bool Held { get; init; }

    /// <summary>The run's cost at the collector's price file: always in a run's detail, in lists only when asked (<c>?cost=true</c>).</summary>
    [JsonPropertyName("cost")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Production.RunCost? Cost { get; set; }
}

/// <summary>One run with its full metric history and provenance.</summary>
public sealed record RunDetail : RunSummary
{
    [JsonConstructor]
    public RunDetail() { }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public RunDetail(RunSummary summary) : base(summary) { }

    [JsonPropertyName("history")] public Dictionary<string, List<HistoryPoint>> History { get; init; } = [];

    /// <summary>Keys whose history here is downsampled (longer than 10,000 points); /api/runs/{id}/history serves any resolution.</summary>
    [JsonPropertyName("downsampledHistory")] public List<string> DownsampledHistory { get; init; } = [];
    [JsonPropertyName("metricSummaries")] public Dictionary<string, MetricSummary> MetricSummaries { get; init; } = [];
    [JsonPropertyName("provenance")] public Dictionary<string, string> Provenance { get; init; } = [];
    [JsonPropertyName("missingMetadata")] public List<string> MissingMetadata { get; set; } = [];
    [JsonPropertyName("datasets")] public List<DatasetInfo> Datasets { get; init; } = [];
    [JsonPropertyName("artifacts")] public List<ArtifactInfo> Artifacts { get; init; } = [];

    /// <summary>Ids of every attempt of this logical run, newest first (this run included).</summary>
    [JsonPropertyName("attemptIds")] public List<string> AttemptIds { get; init; } = [];

    /// <summary>The run's note (markdown), set after the fact with <c>runs note</c>; null when none.</summary>
    [JsonPropertyName("note")] public string? Note { get; init; }

    /// <summary>The runs whose parent this run is (a sweep's trials), oldest first, with their latest metrics.</summary>
    [JsonPropertyName("children")] public List<RunChild> Children { get; init; } = [];

    /// <summary>The steps the run declared it will take (<c>ml.run.total_steps</c>); null when it declared none.</summary>
    [JsonPropertyName("totalSteps")] public long? TotalSteps { get; init; }
}

public sealed record DatasetInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("context")] string Context,
    [property: JsonPropertyName("rows")] long? Rows,
    [property: JsonPropertyName("size")] long? Size,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("schema")] string Schema);

public sealed record ArtifactInfo(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("uri")] string Uri);

public sealed record HistoryPoint(
    [property: JsonPropertyName("step")] long Step,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp);

public sealed record MetricSummary(
    [property: JsonPropertyName("latest")] double Latest,
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("max")] double Max,
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("lastStep")] long LastStep);

/// <summary>Runs side by side: the params that differ, and every param and latest metric per run.</summary>
public sealed record RunComparison(
    [property: JsonPropertyName("runs")] IReadOnlyList<RunSummary> Runs,
    [property: JsonPropertyName("differingParams")] IReadOnlyList<string> DifferingParams,
    [property: JsonPropertyName("params")] IReadOnlyDictionary<string, Dictionary<string, string?>> Params,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, Dictionary<string, double?>> Metrics);

/// <summary>An experiment and how many runs it holds.</summary>
public sealed record ExperimentSummary(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("runs")] long Runs,
    [property: JsonPropertyName("lastStartTime")] DateTimeOffset LastStartTime)
{
    /// <summary>When the experiment's newest run started: <see cref="LastStartTime"/> under the name issue 12's contract uses.</summary>
    [JsonPropertyName("lastRunTime")] public DateTimeOffset LastRunTime => LastStartTime;
}

/// <summary>A sweep child in its parent's detail: enough to rank the children without fetching each.</summary>
public sealed record RunChild(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("metrics")] Dictionary<string, double> Metrics);
