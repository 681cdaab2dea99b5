using System.Text.Json;
using System.Text.Json.Nodes;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry.Governance;

/// <summary>The model answer of <c>GET /api/models/{name}</c> with governance's <c>gates</c>, <c>approvals</c>, <c>promotions</c> and <c>deployments</c> added.</summary>
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
}
