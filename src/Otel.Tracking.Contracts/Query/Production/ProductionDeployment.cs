using System.Text.Json.Serialization;

namespace Otel.Tracking.Query.Production;

/// <summary>
/// <c>/api/production/deployments</c>: a model version serving traffic, seen in production telemetry and/or recorded in
/// the registry (<c>models deploy</c>), with what is wrong with its link to training (<see cref="Flags"/>).
/// </summary>
public sealed record ProductionDeployment
{
    [JsonPropertyName("model")] public required string Model { get; init; }

    /// <summary>The version as the service stamped it (<c>ml.model.version</c>), or the registry's number.</summary>
    [JsonPropertyName("version")] public required string Version { get; init; }

    /// <summary>The serving service (<c>service.name</c>); null for a recorded deployment not seen in telemetry.</summary>
    [JsonPropertyName("service")] public string? Service { get; init; }

    /// <summary><c>deployment.environment.name</c>, or the recorded deployment's environment; empty when neither says.</summary>
    [JsonPropertyName("environment")] public required string Environment { get; init; }

    /// <summary>First minute with serving telemetry (to the minute); null when not seen in telemetry.</summary>
    [JsonPropertyName("firstSeen")] public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>Time of the newest serving point; null when not seen in telemetry.</summary>
    [JsonPropertyName("lastSeen")] public DateTimeOffset? LastSeen { get; init; }

    /// <summary>The run ids the service stamped (<c>ml.run.id</c>), usually one; empty when it stamped none.</summary>
    [JsonPropertyName("stampedRunIds")] public IReadOnlyList<string> StampedRunIds { get; init; } = [];

    /// <summary>Whether the registry has this version.</summary>
    [JsonPropertyName("registered")] public bool Registered { get; init; }

    /// <summary>The registered version's run; null when the version is not registered.</summary>
    [JsonPropertyName("runId")] public string? RunId { get; init; }

    /// <summary>Whether that run is stored (a run purged or never received is unknown).</summary>
    [JsonPropertyName("runKnown")] public bool RunKnown { get; init; }

    /// <summary>When the registry recorded this version's deployment to this environment (<c>models deploy</c>); null when never.</summary>
    [JsonPropertyName("recordedAt")] public DateTimeOffset? RecordedAt { get; init; }

    [JsonPropertyName("recordedBy")] public string? RecordedBy { get; init; }

    /// <summary>Values of <see cref="DeploymentFlags"/>, sorted; empty when the version links to a run as it should.</summary>
    [JsonPropertyName("flags")] public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>Serving cost over the answer's window; null for a recorded deployment not seen in telemetry.</summary>
    [JsonPropertyName("servingCost")] public ServingCost? ServingCost { get; init; }

    /// <summary>Requests answered in the answer's window (<c>http.server.request.duration</c> counts); null when not seen in telemetry.</summary>
    [JsonPropertyName("requests")] public long? Requests { get; init; }
}

/// <summary>What <see cref="ProductionDeployment.Flags"/> may say.</summary>
public static class DeploymentFlags
{
    /// <summary>The service serves a version the registry does not have (F8: no production link).</summary>
    public const string VersionNotRegistered = "version_not_registered";

    /// <summary>The version is registered but its run is not stored.</summary>
    public const string RunUnknown = "run_unknown";

    /// <summary>The run id the service stamped is not the registered version's run.</summary>
    public const string RunIdMismatch = "run_id_mismatch";

    /// <summary>The registry recorded the deployment but no serving telemetry of it was seen.</summary>
    public const string NotSeen = "not_seen_in_telemetry";
}
