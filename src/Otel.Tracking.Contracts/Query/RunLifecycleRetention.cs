using System.Text.Json.Serialization;

namespace Otel.Tracking.Query;

/// <summary>Body of <c>PUT /api/retention/{experiment}</c>: days to keep each kind of data; null keeps it for ever.</summary>
public sealed record RetentionPolicyRequest(
    [property: JsonPropertyName("pointsDays")] int? PointsDays,
    [property: JsonPropertyName("rawDays")] int? RawDays,
    [property: JsonPropertyName("artifactDays")] int? ArtifactDays);

/// <summary>An experiment's retention policy and who set it last.</summary>
public sealed record RetentionPolicyRecord(
    [property: JsonPropertyName("experiment")] string Experiment,
    [property: JsonPropertyName("pointsDays")] int? PointsDays,
    [property: JsonPropertyName("rawDays")] int? RawDays,
    [property: JsonPropertyName("artifactDays")] int? ArtifactDays,
    [property: JsonPropertyName("updatedBy")] string UpdatedBy,
    [property: JsonPropertyName("updatedAt")] DateTimeOffset UpdatedAt);

/// <summary>
/// What the retention job deletes of one kind of data on its next pass (<see cref="Due"/> rows older than
/// <see cref="Cutoff"/>, in <see cref="Runs"/> runs, held and registered runs excluded) and when the oldest row it keeps
/// falls due (<see cref="NextDueAt"/>, null when none is left).
/// </summary>
public sealed record RetentionDue(
    [property: JsonPropertyName("days")] int Days,
    [property: JsonPropertyName("cutoff")] DateTimeOffset Cutoff,
    [property: JsonPropertyName("due")] long Due,
    [property: JsonPropertyName("runs")] long Runs,
    [property: JsonPropertyName("nextDueAt")] DateTimeOffset? NextDueAt);

/// <summary>One experiment in <c>retention show</c>: its policy, and per kind of data what goes and when (null: kept for ever).</summary>
public sealed record RetentionForecast(
    [property: JsonPropertyName("policy")] RetentionPolicyRecord Policy,
    [property: JsonPropertyName("points")] RetentionDue? Points,
    [property: JsonPropertyName("raw")] RetentionDue? Raw,
    [property: JsonPropertyName("artifacts")] RetentionDue? Artifacts,
    [property: JsonPropertyName("protectedRuns")] long ProtectedRuns);
