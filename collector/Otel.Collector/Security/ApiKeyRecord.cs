namespace Otel.Collector.Security;

/// <summary>
/// One API key as the key file holds it: never the key itself, only its SHA-256. <see cref="Id"/> is a short
/// random name for the key that is not derived from it, safe to show and log. <see cref="CreatedBy"/> is the OS user
/// who ran <c>keys create</c> (absent in files written before it was kept): the actor of the audit entry.
/// </summary>
internal sealed record ApiKeyRecord(string Id, string Name, ApiKeyScope Scope, DateTimeOffset Created, string Sha256, string? CreatedBy = null);

/// <summary>A key just created: the record stored, and the key, which exists only here and is shown once.</summary>
internal sealed record CreatedApiKey(ApiKeyRecord Record, string Key);
