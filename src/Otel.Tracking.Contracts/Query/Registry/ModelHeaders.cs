namespace Otel.Tracking.Query.Registry;

/// <summary>Response headers of the registry API beyond HTTP's own.</summary>
public static class ModelHeaders
{
    /// <summary>
    /// On <c>GET /api/models/{name}/versions/{version}/artifact</c>: the SHA-256 (hex) the bytes must hash to; a client
    /// verifies it before it keeps them.
    /// </summary>
    public const string ArtifactSha256 = "X-Artifact-Sha256";
}
