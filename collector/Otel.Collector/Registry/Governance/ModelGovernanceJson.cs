using System.Text.Json;
using System.Text.Json.Nodes;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry.Governance;

/// <summary>
/// The registry's answers with governance added: a model (<c>GET /api/models/{name}</c>) with its <c>gates</c>,
/// <c>approvals</c>, <c>promotions</c> and <c>deployments</c>; and one version (<c>GET …/versions/{v}</c>, the seeds'
/// audit questions in one answer) with what concerns it and the audit entries that back each fact.
/// </summary>
internal static class ModelGovernanceJson
{
    public static async Task<JsonObject> WithGovernanceAsync(ModelDetail detail, GovernanceQueries governance, CancellationToken cancellationToken)
    {
        var model = JsonSerializer.SerializeToNode(detail, QueryJson.Options)!.AsObject();
        foreach (var (name, value) in JsonSerializer.SerializeToNode(await governance.ForModelAsync(detail.Name, cancellationToken), QueryJson.Options)!.AsObject().ToList())
        {
            model[name] = value?.DeepClone();
        }

        return model;
    }

    /// <summary>
    /// One version: what it froze of its run (code, data, environment, params, metrics, completeness) and who
    /// registered it, plus the aliases that point at it now, every move of an alias to it, its approvals and
    /// rejections with their comments, its promotion attempts with every gate's verdict, its deployments, and
    /// <c>audit</c>: the chain entries about the version or named by those facts.
    /// </summary>
    public static async Task<JsonObject> WithVersionGovernanceAsync(
        ModelVersion version, RegistryQueries registry, GovernanceQueries governance, Audit.AuditChain audit, CancellationToken cancellationToken)
    {
        var (name, number) = (version.Name, version.Version);
        var aliases = (await registry.AliasesAsync(name, cancellationToken)).Where(a => a.Value == number).Select(a => a.Key).Order(StringComparer.Ordinal).ToList();
        var moves = (await registry.MovesAsync(name, cancellationToken)).Where(m => m.Version == number).ToList();
        var approvals = await governance.ApprovalsAsync(name, number, cancellationToken);
        var promotions = (await governance.PromotionsAsync(name, cancellationToken)).Where(p => p.Version == number).ToList();
        var deployments = (await governance.DeploymentsAsync(name, cancellationToken)).Where(d => d.Version == number).ToList();
        var backing = moves.Select(m => m.AuditEntryId).Concat(approvals.Select(a => a.AuditEntryId))
            .Concat(promotions.Select(p => p.AuditEntryId)).Concat(deployments.Select(d => d.AuditEntryId));
        var entries = await audit.BackingAsync($"model:{name}/{number}", backing, cancellationToken);

        var answer = JsonSerializer.SerializeToNode(version, QueryJson.Options)!.AsObject();
        answer["aliases"] = JsonSerializer.SerializeToNode(aliases, QueryJson.Options);
        answer["aliasMoves"] = JsonSerializer.SerializeToNode(moves, QueryJson.Options);
        answer["approvals"] = JsonSerializer.SerializeToNode(approvals, QueryJson.Options);
        answer["promotions"] = JsonSerializer.SerializeToNode(promotions, QueryJson.Options);
        answer["deployments"] = JsonSerializer.SerializeToNode(deployments, QueryJson.Options);
        answer["audit"] = JsonSerializer.SerializeToNode(entries.Select(Audit.AuditApi.ToRecord).ToList(), QueryJson.Options);
        return answer;
    }
}
