namespace Otel.Collector.Security;

/// <summary>
/// One API key as the key file holds it: never the key itself, only its SHA-256. <see cref="Id"/> is a short
/// random name for the key that is not derived from it, safe to show and log. <see cref="CreatedBy"/> is the OS user
/// who ran <c>keys create</c> (absent in files written before it was kept): the actor of the audit entry.
/// <see cref="Models"/>, when not empty, are the only model names the key may write to (<c>keys create --models</c>).
/// </summary>
internal sealed record ApiKeyRecord(
    string Id, string Name, ApiKeyScope Scope, DateTimeOffset Created, string Sha256, string? CreatedBy = null, IReadOnlyList<string>? Models = null)
{
    /// <summary>Whether the key may write to <paramref name="model"/>: always, unless it is restricted to other names.</summary>
    public bool MayWriteModel(string model) => Models is not { Count: > 0 } names || names.Contains(model, StringComparer.Ordinal);

    /// <summary>Restricted keys may write to their models and nowhere else.</summary>
    public bool IsRestricted => Models is { Count: > 0 };
}

/// <summary>A key just created: the record stored, and the key, which exists only here and is shown once.</summary>
internal sealed record CreatedApiKey(ApiKeyRecord Record, string Key);
