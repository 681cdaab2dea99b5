using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry;

/// <summary>A plain alias set or delete (<c>models alias</c>): refused on a gated alias, which only promotion moves.</summary>
internal sealed class AliasChange(RegistryWriter writer, RegistryQueries queries, AliasMoves moves)
{
    /// <summary>Points the alias at <paramref name="version"/>, or deletes it when 0.</summary>
    /// <exception cref="RegistryRefusal">Bad name or alias (400), unknown model, version or alias (404), gated alias or archived target (409).</exception>
    /// <exception cref="RegistryWriterUnavailableException">Another collector holds the registry writer's lease.</exception>
    public Task<ModelAliasMove> MoveAsync(string actor, string name, string alias, long version, CancellationToken cancellationToken)
    {
        ModelNames.CheckModel(name);
        ModelNames.CheckAlias(alias);
        return writer.WriteAsync(async (context, ct) =>
        {
            _ = await queries.GetModelAsync(name, ct) ?? throw ModelUpdates.UnknownModel(name);
            await moves.RefuseIfGatedAsync(name, alias, ct);
            return await moves.MoveAsync(context, actor, name, alias, version, version == 0 ? AliasMoves.Delete : AliasMoves.Set, null, ct);
        }, cancellationToken);
    }
}
