using System.Text.Json;
using System.Text.Json.Nodes;
using Otel.Collector.Audit;
using Otel.Collector.Sinks.Rows;
using Otel.Collector.Webhooks;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry.Governance;

/// <summary>
/// Promotes a version to an alias: inside one <see cref="RegistryWriter"/> change, reads the alias's gate and the
/// version the alias points at now (the champion), evaluates every condition, and moves the alias only when all pass
/// (or when an admin forces it). Every attempt is recorded with its verdicts, refused ones included, in
/// <c>ml_model_promotions</c> and the audit log; a move is announced to the webhook.
/// </summary>
internal sealed class Promotions(
    RegistryWriter writer, RegistryQueries registry, GovernanceQueries governance, AliasMoves moves, IAuditTrail audit, WebhookNotifier webhook)
{
    /// <param name="actor">Who promotes.</param>
    /// <param name="name">The model.</param>
    /// <param name="version">The candidate.</param>
    /// <param name="alias">The alias to move.</param>
    /// <param name="force">Move even when a gate refuses; the caller has checked that the actor is an admin.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The outcome; <see cref="PromotionResult.Promoted"/> false when a gate refused (nothing moved).</returns>
    /// <exception cref="RegistryRefusal">Bad alias (400), unknown model or version (404), archived version (409).</exception>
    public Task<PromotionResult> PromoteAsync(string actor, string name, long version, string? alias, bool force, CancellationToken cancellationToken)
    {
        ModelNames.CheckAlias(alias);
        return writer.WriteAsync(async (context, ct) =>
        {
            var candidate = await GovernanceChecks.RequireVersionAsync(registry, name, version, ct);
            if (candidate.Version.Archived)
            {
                throw RegistryRefusal.Conflict($"version {version} of '{name}' is archived and cannot be promoted: unarchive it first, or promote another version");
            }

            var gate = await governance.LastGateAsync(name, alias!, ct) is { Deleted: false } last ? last.Gate : null;
            var holder = (await registry.LastMoveAsync(name, alias!, ct))?.Version ?? 0;
            var verdicts = new List<GateVerdict>();
            if (gate is not null)
            {
                var champion = holder > 0 ? await registry.GetVersionAsync(name, holder, ct) : null;
                var definition = new GateDefinition(name, alias!, (uint)gate.MinApprovals, gate.MinCompleteness, gate.RequireCleanTree, gate.RequiredDatasets,
                    [.. gate.Metrics.Select(m => MetricCondition.TryParse(m, out var c, out _) ? c : null).OfType<MetricCondition>()]);
                var decisions = gate.MinApprovals > 0 ? await governance.ApprovalsAsync(name, version, ct) : [];
                verdicts.AddRange(GateEvaluator.Evaluate(definition, GateCandidates.From(candidate.Version),
                    champion is null ? null : GateCandidates.From(champion.Version), decisions));
            }

            var refused = verdicts.Where(v => !v.Passed).ToList();
            var forced = refused.Count > 0 && force;
            var promoted = refused.Count == 0 || forced;
            var details = new JsonObject
            {
                ["version"] = version,
                ["previousVersion"] = holder,
                ["gated"] = gate is not null,
                ["verdicts"] = JsonSerializer.SerializeToNode(verdicts, QueryJson.Options),
            };
            var action = !promoted ? AuditActions.PromotionRefuse : forced ? AuditActions.PromotionForce : AuditActions.PromotionPromote;
            var entry = await audit.RecordAsync(actor, action, $"model:{name}@{alias}", details, ct);
            ModelAliasMove? move = null;
            if (promoted)
            {
                move = await moves.MoveAsync(context, actor, name, alias!, version, forced ? AliasMoves.Force : AliasMoves.Promote,
                    new JsonObject { ["promotionAuditEntryId"] = entry }, ct);
            }

            var record = new PromotionRecord
            {
                Version = version,
                Alias = alias!,
                PreviousVersion = holder,
                Promoted = promoted,
                Forced = forced,
                Actor = actor,
                At = move?.MovedAt ?? context.Now,
                Gates = verdicts,
                AuditEntryId = entry,
            };
            var batch = new RowBatch();
            GovernanceRows.WritePromotion(batch, name, record);
            await context.WriteAsync(batch, ct);
            if (move is not null && holder != version)
            {
                webhook.Notify(WebhookEvent.ForAliasMove(name, move));
            }

            return new PromotionResult
            {
                Promoted = promoted,
                Name = name,
                Version = version,
                Alias = alias!,
                PreviousVersion = holder,
                Forced = forced,
                Gates = verdicts,
                Error = promoted ? null : $"the gate of '{alias}' refused version {version}: " + string.Join("; ", refused.Select(v => $"{v.Gate}: {v.Detail}")) +
                    $". '{alias}' still points at {(holder == 0 ? "no version" : "version " + holder)}",
            };
        }, cancellationToken);
    }
}
