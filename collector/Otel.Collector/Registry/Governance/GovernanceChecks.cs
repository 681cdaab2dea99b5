namespace Otel.Collector.Registry.Governance;

/// <summary>What every governance change checks first: the model and the version exist.</summary>
internal static class GovernanceChecks
{
    /// <exception cref="RegistryRefusal">Unknown model or version (404).</exception>
    public static async Task RequireModelAsync(RegistryQueries queries, string name, CancellationToken cancellationToken)
    {
        ModelNames.CheckModel(name);
        if (await queries.GetModelAsync(name, cancellationToken) is null)
        {
            throw ModelUpdates.UnknownModel(name);
        }
    }

    /// <exception cref="RegistryRefusal">Unknown model or version (404).</exception>
    public static async Task<StoredVersion> RequireVersionAsync(RegistryQueries queries, string name, long version, CancellationToken cancellationToken)
    {
        await RequireModelAsync(queries, name, cancellationToken);
        return await queries.GetVersionAsync(name, version, cancellationToken)
            ?? throw ModelUpdates.UnknownVersion(name, version);
    }
}
