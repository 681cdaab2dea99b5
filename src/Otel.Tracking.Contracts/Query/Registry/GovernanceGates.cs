using System.Text.Json.Serialization;

namespace Otel.Tracking.Query.Registry;

/// <summary>
/// The gate of a protected alias (<c>GET /api/models/{name}/gates</c>, <c>models show</c>): what a version must show
/// to be promoted to it (docs/governance.md). <see cref="MinCompleteness"/> is a fraction from 0 to 1.
/// </summary>
public sealed record GateDefinitionRecord
{
    [JsonPropertyName("alias")] public required string Alias { get; init; }
    [JsonPropertyName("minApprovals")] public long MinApprovals { get; init; }
    [JsonPropertyName("minCompleteness")] public double? MinCompleteness { get; init; }
    [JsonPropertyName("requireCleanTree")] public bool RequireCleanTree { get; init; }

    /// <summary><c>NAME</c> or <c>NAME@DIGEST</c>.</summary>
    [JsonPropertyName("requiredDatasets")] public List<string> RequiredDatasets { get; init; } = [];

    /// <summary><c>KEY OP VALUE</c> or <c>KEY OP champion</c>.</summary>
    [JsonPropertyName("metrics")] public List<string> Metrics { get; init; } = [];
    [JsonPropertyName("updatedBy")] public required string UpdatedBy { get; init; }
    [JsonPropertyName("updatedAt")] public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>The body of <c>PUT /api/models/{name}/gates/{alias}</c> (<c>models gate</c>); the gate given replaces the alias's gate.</summary>
public sealed record GateRequest
{
    [JsonPropertyName("minApprovals")] public long? MinApprovals { get; init; }
    [JsonPropertyName("minCompleteness")] public double? MinCompleteness { get; init; }
    [JsonPropertyName("requireCleanTree")] public bool? RequireCleanTree { get; init; }
    [JsonPropertyName("requiredDatasets")] public List<string>? RequiredDatasets { get; init; }
    [JsonPropertyName("metrics")] public List<string>? Metrics { get; init; }
}

/// <summary>One gate's verdict at a promotion: <c>min_approvals</c>, <c>min_completeness</c>, <c>clean_tree</c>, <c>dataset NAME</c> or <c>metric KEY OP …</c>.</summary>
public sealed record GateVerdict(
    [property: JsonPropertyName("gate")] string Gate,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("detail")] string Detail);

/// <summary>
/// What governance adds to a model's answer (<c>models show</c>): the gates in force, every approval and rejection,
/// every promotion attempt with its verdicts, and every deployment, oldest first.
/// </summary>
public sealed record ModelGovernance
{
    [JsonPropertyName("gates")] public List<GateDefinitionRecord> Gates { get; init; } = [];
    [JsonPropertyName("approvals")] public List<ApprovalRecord> Approvals { get; init; } = [];
    [JsonPropertyName("promotions")] public List<PromotionRecord> Promotions { get; init; } = [];
    [JsonPropertyName("deployments")] public List<DeploymentRecord> Deployments { get; init; } = [];
}
