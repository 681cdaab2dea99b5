using Otel.Collector.Webhooks;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry;

/// <summary>
/// A plain alias set or delete (<c>models alias</c>): refused on a gated alias, which only promotion moves. A move that
/// changes where the alias points is announced to the webhook, as promotions are.
/// </summary>
internal sealed class AliasChange(RegistryWriter writer, RegistryQueries queries, AliasMoves moves, WebhookNotifier webhook)
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
            var holder = (await queries.LastMoveAsync(name, alias, ct))?.Version ?? 0;
            var move = await moves.MoveAsync(context, actor, name, alias, version, version == 0 ? AliasMoves.Delete : AliasMoves.Set, null, ct);
            if (holder != version)
            {
                webhook.Notify(WebhookEvent.ForAliasMove(name, move));
            }

            return move;
        }, cancellationToken);
    }
}
