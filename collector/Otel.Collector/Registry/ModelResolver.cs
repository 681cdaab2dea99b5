namespace Otel.Collector.Registry;

/// <summary>Finds the version a <see cref="ModelUri"/> names now.</summary>
internal sealed class ModelResolver(RegistryQueries queries)
{
    /// <exception cref="RegistryRefusal">A malformed URI (400); an unknown model, version or alias (404).</exception>
    public async Task<StoredVersion> ResolveAsync(string? text, CancellationToken cancellationToken)
    {
        var uri = ModelUri.Parse(text);
        if (await queries.GetModelAsync(uri.Name, cancellationToken) is null)
        {
            throw ModelUpdates.UnknownModel(uri.Name);
        }

        long number;
        if (uri.Version is { } version)
        {
            number = version;
        }
        else if (uri.Alias == ModelNames.Latest)
        {
            number = await queries.LatestActiveVersionAsync(uri.Name, cancellationToken)
                ?? throw RegistryRefusal.NotFound($"every version of '{uri.Name}' is archived: name one with models:/{uri.Name}/VERSION");
        }
        else
        {
            var aliases = await queries.AliasesAsync(uri.Name, cancellationToken);
            if (!aliases.TryGetValue(uri.Alias!, out number))
            {
                var known = aliases.Count == 0 ? "it has none" : "it has " + string.Join(", ", aliases.Keys);
                throw RegistryRefusal.NotFound($"model '{uri.Name}' has no alias '{uri.Alias}' ({known}); set one with `otel-track models alias {uri.Name} ALIAS VERSION`");
            }
        }

        return await queries.GetVersionAsync(uri.Name, number, cancellationToken) ?? throw ModelUpdates.UnknownVersion(uri.Name, number);
    }
}
