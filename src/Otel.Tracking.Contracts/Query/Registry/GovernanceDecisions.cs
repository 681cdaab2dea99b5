using System.Text.Json.Serialization;

namespace Otel.Tracking.Query.Registry;

/// <summary>The body of <c>POST /api/models/{name}/versions/{version}/approvals</c> (<c>models approve|reject</c>).</summary>
public sealed record ApprovalRequest
{
    [JsonPropertyName("alias")] public string? Alias { get; init; }

    /// <summary><c>approve</c> or <c>reject</c>.</summary>
    [JsonPropertyName("decision")] public string? Decision { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }
}

/// <summary>An approval or rejection of a version for an alias, by an identity (the API key's name, or the OS user).</summary>
public sealed record ApprovalRecord
{
    [JsonPropertyName("version")] public required long Version { get; init; }
    [JsonPropertyName("alias")] public required string Alias { get; init; }
    [JsonPropertyName("decision")] public required string Decision { get; init; }
    [JsonPropertyName("actor")] public required string Actor { get; init; }
    [JsonPropertyName("comment")] public string Comment { get; init; } = "";
    [JsonPropertyName("decidedAt")] public required DateTimeOffset DecidedAt { get; init; }
    [JsonPropertyName("auditEntryId")] public string AuditEntryId { get; init; } = "";
}

/// <summary>The body of <c>POST /api/models/{name}/versions/{version}/promotions</c> (<c>models promote</c>).</summary>
public sealed record PromotionRequest
{
    [JsonPropertyName("alias")] public string? Alias { get; init; }

    /// <summary>Move the alias even when a gate refuses (admin only); every verdict is still recorded.</summary>
    [JsonPropertyName("force")] public bool Force { get; init; }
}

/// <summary>
/// The answer to a promotion: 200 with <see cref="Promoted"/> true, or 422 with false and <see cref="Error"/> naming
/// the gates that refused. <see cref="Gates"/> holds every verdict either way.
/// </summary>
public sealed record PromotionResult
{
    [JsonPropertyName("promoted")] public required bool Promoted { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("version")] public required long Version { get; init; }
    [JsonPropertyName("alias")] public required string Alias { get; init; }

    /// <summary>The version the alias pointed at before (0: none).</summary>
    [JsonPropertyName("previousVersion")] public long PreviousVersion { get; init; }
    [JsonPropertyName("forced")] public bool Forced { get; init; }
    [JsonPropertyName("gates")] public List<GateVerdict> Gates { get; init; } = [];
    [JsonPropertyName("error")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Error { get; init; }
}

/// <summary>A promotion attempt as recorded (<c>models show</c>), refused ones included.</summary>
public sealed record PromotionRecord
{
    [JsonPropertyName("version")] public required long Version { get; init; }
    [JsonPropertyName("alias")] public required string Alias { get; init; }
    [JsonPropertyName("previousVersion")] public long PreviousVersion { get; init; }
    [JsonPropertyName("promoted")] public required bool Promoted { get; init; }
    [JsonPropertyName("forced")] public bool Forced { get; init; }
    [JsonPropertyName("actor")] public required string Actor { get; init; }
    [JsonPropertyName("at")] public required DateTimeOffset At { get; init; }
    [JsonPropertyName("gates")] public List<GateVerdict> Gates { get; init; } = [];
    [JsonPropertyName("auditEntryId")] public string AuditEntryId { get; init; } = "";
}

/// <summary>The body of <c>POST /api/models/{name}/versions/{version}/deployments</c> (<c>models deploy</c>).</summary>
public sealed record DeploymentRequest
{
    [JsonPropertyName("environment")] public string? Environment { get; init; }
}

/// <summary>A deployment of a version to an environment; <see cref="Source"/> <c>api</c> (a command or call) or <c>telemetry</c>.</summary>
public sealed record DeploymentRecord
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("version")] public required long Version { get; init; }
    [JsonPropertyName("environment")] public required string Environment { get; init; }
    [JsonPropertyName("deployedBy")] public required string DeployedBy { get; init; }
    [JsonPropertyName("deployedAt")] public required DateTimeOffset DeployedAt { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }
    [JsonPropertyName("auditEntryId")] public string AuditEntryId { get; init; } = "";
}
