namespace Otel.Collector.Security;

/// <summary>
/// What an API key may do. A key has exactly one scope; an endpoint's requirement may accept several
/// (<c>HEAD /api/artifacts/…</c> takes ingest or read). <see cref="Admin"/> grants everything.
/// </summary>
[Flags]
internal enum ApiKeyScope
{
    /// <summary>OTLP export (gRPC and <c>/v1/*</c>) and artifact upload (<c>PUT</c>/<c>HEAD /api/artifacts/…</c>).</summary>
    Ingest = 1,

    /// <summary>Every <c>GET</c> of the query API, artifact downloads and <c>/metrics</c>.</summary>
    Read = 2,

    /// <summary>Everything, including <c>/api/</c> requests that change state other than artifact uploads.</summary>
    Admin = 4,

    /// <summary>
    /// The model registry's everyday writes (register, describe, tag, move aliases, promote through gates, deploy) and
    /// run lifecycle changes short of delete and hold; reads the query API too.
    /// </summary>
    Registry = 8,

    /// <summary>Approving or rejecting a model version for an alias; reads the query API too.</summary>
    Approve = 16,
}

internal static class ApiKeyScopes
{
    /// <summary>The names users type and the key file stores.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ingest", "read", "registry", "approve", "admin"];

    public static string Name(this ApiKeyScope scope) => scope switch
    {
        ApiKeyScope.Ingest => "ingest",
        ApiKeyScope.Read => "read",
        ApiKeyScope.Registry => "registry",
        ApiKeyScope.Approve => "approve",
        ApiKeyScope.Admin => "admin",
        _ => string.Join(" or ", Enum.GetValues<ApiKeyScope>().Where(s => scope.HasFlag(s)).Select(Name)),
    };

    public static bool TryParse(string? text, out ApiKeyScope scope)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "ingest": scope = ApiKeyScope.Ingest; return true;
            case "read": scope = ApiKeyScope.Read; return true;
            case "registry": scope = ApiKeyScope.Registry; return true;
            case "approve": scope = ApiKeyScope.Approve; return true;
            case "admin": scope = ApiKeyScope.Admin; return true;
            default: scope = default; return false;
        }
    }

    /// <summary>Whether <paramref name="scope"/> is exactly one of the named scopes (what a key file may hold).</summary>
    public static bool IsSingle(ApiKeyScope scope) =>
        scope is ApiKeyScope.Ingest or ApiKeyScope.Read or ApiKeyScope.Registry or ApiKeyScope.Approve or ApiKeyScope.Admin;

    /// <summary>Whether a key of scope <paramref name="keyScope"/> may make a request that accepts <paramref name="required"/>.</summary>
    public static bool Grants(this ApiKeyScope keyScope, ApiKeyScope required) =>
        keyScope.HasFlag(ApiKeyScope.Admin) || (keyScope & required) != 0;
}
