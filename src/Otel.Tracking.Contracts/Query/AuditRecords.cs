using System.Text.Json;
using System.Text.Json.Serialization;

namespace Otel.Tracking.Query;

/// <summary>The last entry of the audit chain (<c>/api/audit/head</c>); seq 0 and 64 zeros when it is empty. <c>SEQ:HASH</c> is an anchor.</summary>
public sealed record AuditHead(
    [property: JsonPropertyName("seq")] ulong Seq,
    [property: JsonPropertyName("hash")] string Hash);

/// <summary>The first entry at which the chain is not intact, and why.</summary>
public sealed record AuditFault(
    [property: JsonPropertyName("seq")] ulong Seq,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary><c>/api/audit/verify</c>: whether the chain recomputes, how many entries it has, its head, and the first fault (null when intact).</summary>
public sealed record AuditVerification(
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("entries")] long Entries,
    [property: JsonPropertyName("head")] AuditHead Head,
    [property: JsonPropertyName("firstBad")] AuditFault? FirstBad);

/// <summary>One entry of <c>/api/audit/entries</c>; <see cref="Details"/> is the stored JSON object.</summary>
public sealed record AuditEntryRecord(
    [property: JsonPropertyName("seq")] ulong Seq,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("details")] JsonElement Details,
    [property: JsonPropertyName("entryId")] string EntryId,
    [property: JsonPropertyName("hash")] string Hash);

/// <summary><c>/api/whoami</c>: the actor the collector attributes this request's actions to, and how it knew (key, os-user or anonymous).</summary>
public sealed record ActorRecord(
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("via")] string Via);
