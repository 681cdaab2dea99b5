namespace Otel.Collector.Model;

/// <summary>What the <c>ml.run.start</c> and <c>ml.run</c> spans of a run say about it: one <c>ml_runs</c> row each.</summary>
internal abstract class RunLifecycleEvent
{
    public required string RunId { get; init; }

    /// <summary>The run's experiment, <see cref="RunEvents.DefaultExperiment"/> when it names none.</summary>
    public required string Experiment { get; init; }

    public required string RunName { get; init; }
    public required string ParentRunId { get; init; }
    public required string Reproduces { get; init; }

    /// <summary>The run's seed (<c>ml.run.seed</c>), which provenance records.</summary>
    public required string? Seed { get; init; }

    /// <summary>The steps the run declared (<c>ml.run.total_steps</c>); null when it declared none.</summary>
    public required long? TotalSteps { get; init; }

    /// <summary>When the run first started: for a resumed run, the first process's start, not this span's.</summary>
    public required ulong StartTimeUnixNano { get; init; }

    /// <summary>When this span's process resumed the run (its span start, unix ns); 0 for a run that was not resumed.</summary>
    public ulong ResumedAtUnixNano { get; init; }

    public required string TraceId { get; init; }
    public required OtelResource Resource { get; init; }

    /// <summary>Filled by the provenance processor: the normalised resource and the collector's stamps, sorted by key.</summary>
    public List<KeyValuePair<string, string>> Provenance { get; set; } = [];
}

/// <summary>The run announced itself (span <c>ml.run.start</c>): it is RUNNING.</summary>
internal sealed class RunStarted : RunLifecycleEvent;

/// <summary>The run ended (span <c>ml.run</c>) with a terminal status.</summary>
internal sealed class RunEnded : RunLifecycleEvent
{
    public required ulong EndTimeUnixNano { get; init; }

    /// <summary>FINISHED, FAILED or KILLED.</summary>
    public required string Status { get; init; }

    /// <summary>The span's status message; set again by redaction.</summary>
    public required string StatusMessage { get; set; }
}

/// <summary>
/// A parameter of a run (<c>ml.param.&lt;key&gt;</c> on its start and end spans, or on an <c>ml.params</c> event);
/// <c>AttributeKey</c> is the attribute it came from, which redaction judges the value by.
/// </summary>
internal readonly record struct RunParam(string RunId, string Experiment, string Key, string Value, string ValueType, string AttributeKey);

/// <summary>
/// A tag of a run (<c>ml.tag.&lt;key&gt;</c> on any of its spans); <c>AttributeKey</c> is the attribute it came from,
/// which redaction judges the value by.
/// </summary>
internal readonly record struct RunTag(string RunId, string Key, string Value, ulong UpdatedAtUnixNano, string AttributeKey);

/// <summary>A span of the run arrived: the run is alive (LOST detection reads the latest).</summary>
internal readonly record struct RunHeartbeat(string RunId, ulong LastSeenUnixNano);

/// <summary>A dataset a run read (event <c>ml.dataset</c>).</summary>
internal sealed class DatasetLogged
{
    public required string RunId { get; init; }
    public required string Experiment { get; init; }
    public required string Name { get; init; }
    public required string Digest { get; init; }

    /// <summary>Set again by redaction.</summary>
    public required string Uri { get; set; }

    public required string Context { get; init; }
    public required long? Rows { get; init; }
    public required long? Size { get; init; }
    public required string Format { get; init; }
    public required string Schema { get; init; }
    public required ulong LoggedAtUnixNano { get; init; }
}

/// <summary>An artifact a run produced (event <c>ml.artifact</c>).</summary>
internal sealed class ArtifactLogged
{
    public required string RunId { get; init; }
    public required string Experiment { get; init; }
    public required string Path { get; init; }

    /// <summary>64 lowercase hex digits.</summary>
    public required string Sha256 { get; init; }

    public required long Size { get; init; }

    /// <summary>Set again by redaction.</summary>
    public required string Uri { get; set; }

    public required string Kind { get; init; }
    public required ulong LoggedAtUnixNano { get; init; }
}

/// <summary>Values of the run model that the wire contract leaves to the collector.</summary>
internal static class RunEvents
{
    /// <summary>Experiment of runs that name none, as in MLflow.</summary>
    public const string DefaultExperiment = "Default";
}
