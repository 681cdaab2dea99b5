using System.Text.Json.Serialization;

namespace Otel.Tracking.Query;

/// <summary>
/// <c>/api/runs/{id}/progress</c>: what a live view of a run polls. Cheap by design (the run's row and its metric
/// rollup, both read by run id), so a watcher can ask every second.
/// </summary>
public sealed record RunProgress
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("statusMessage")] public string? StatusMessage { get; init; }
    [JsonPropertyName("startTime")] public required DateTimeOffset StartTime { get; init; }
    [JsonPropertyName("endTime")] public DateTimeOffset? EndTime { get; init; }

    /// <summary>The steps the run declared it will take (<c>ml.run.total_steps</c>); null when it declared none.</summary>
    [JsonPropertyName("totalSteps")] public long? TotalSteps { get; init; }

    /// <summary>Per metric key, its progress so far.</summary>
    [JsonPropertyName("metrics")] public Dictionary<string, MetricProgress> Metrics { get; init; } = [];
}

/// <summary>
/// One metric of a run in progress. <see cref="Points"/> counts points as received: a point the client sent twice
/// counts twice here (the run's detail counts distinct points). <see cref="Source"/> is <see cref="EventSource"/>
/// for points the run logged (steps are the run's) or <c>otel_metric</c> for OpenTelemetry metrics such as system
/// metrics, whose step is the point's unix second.
/// </summary>
public sealed record MetricProgress(
    [property: JsonPropertyName("latest")] double Latest,
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("max")] double Max,
    [property: JsonPropertyName("points")] long Points,
    [property: JsonPropertyName("firstStep")] long FirstStep,
    [property: JsonPropertyName("lastStep")] long LastStep,
    [property: JsonPropertyName("lastTime")] DateTimeOffset LastTime,
    [property: JsonPropertyName("source")] string Source)
{
    /// <summary>The <see cref="Source"/> of points logged by the run (span events <c>ml.metric</c>, <c>ml.metrics</c>).</summary>
    public const string EventSource = "event";
}
