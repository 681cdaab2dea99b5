using System.Text.Json.Serialization;

namespace Otel.Tracking.Query.Registry;

/// <summary>
/// One move of an alias: to <see cref="Version"/> (0 when the alias was deleted) from <see cref="PreviousVersion"/>
/// (0 when it did not exist), by whom and why (<c>set</c>, <c>delete</c>, <c>promote</c>, <c>force</c>), with the
/// id of the audit entry that records it.
/// </summary>
public sealed record ModelAliasMove(
    [property: JsonPropertyName("alias")] string Alias,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("previousVersion")] long PreviousVersion,
    [property: JsonPropertyName("movedAt")] DateTimeOffset MovedAt,
    [property: JsonPropertyName("movedBy")] string MovedBy,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("auditEntryId")] string AuditEntryId);
