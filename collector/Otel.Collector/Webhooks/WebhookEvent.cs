using System.Text.Json.Serialization;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Webhooks;

/// <summary>
/// The JSON body of one notification (docs/governance.md, "Webhook"). <see cref="Id"/> is also the delivery id header:
/// a receiver that keeps the ids it has seen ignores a retry of a delivery it already processed.
/// </summary>
internal sealed record WebhookEvent
{
    /// <summary>An alias was set, moved, promoted or deleted (<see cref="Version"/> 0).</summary>
    public const string AliasMoved = "alias.moved";

    /// <summary>A version was deployed to an environment.</summary>
    public const string DeploymentRecorded = "deployment.recorded";

    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("occurredAt")] public required DateTimeOffset OccurredAt { get; init; }
    [JsonPropertyName("model")] public required string Model { get; init; }
    [JsonPropertyName("version")] public required long Version { get; init; }
    [JsonPropertyName("actor")] public required string Actor { get; init; }

    [JsonPropertyName("alias")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Alias { get; init; }
    [JsonPropertyName("previousVersion")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? PreviousVersion { get; init; }

    /// <summary>Why the alias moved: set, promote, force or delete.</summary>
    [JsonPropertyName("reason")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Reason { get; init; }
    [JsonPropertyName("environment")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Environment { get; init; }

    /// <summary>The audit entry that records the fact.</summary>
    [JsonPropertyName("auditEntryId")] public required string AuditEntryId { get; init; }

    /// <summary>The notification of an alias move (a delete has version 0).</summary>
    public static WebhookEvent ForAliasMove(string model, ModelAliasMove move) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Type = AliasMoved,
        OccurredAt = move.MovedAt,
        Model = model,
        Version = move.Version,
        Alias = move.Alias,
        PreviousVersion = move.PreviousVersion,
        Reason = move.Reason,
        Actor = move.MovedBy,
        AuditEntryId = move.AuditEntryId,
    };

    /// <summary>The notification of a deployment.</summary>
    public static WebhookEvent ForDeployment(DeploymentRecord deployment) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Type = DeploymentRecorded,
        OccurredAt = deployment.DeployedAt,
        Model = deployment.Name,
        Version = deployment.Version,
        Environment = deployment.Environment,
        Actor = deployment.DeployedBy,
        AuditEntryId = deployment.AuditEntryId,
    };

    /// <summary>The audit target of the fact, for the delivery's own audit entry.</summary>
    [JsonIgnore] public string Target => Alias is null ? $"model:{Model}/{Version}" : $"model:{Model}@{Alias}";
}
