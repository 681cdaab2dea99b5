using System.Net;
using Otel.Cli.Client;
using Otel.Tracking.Query.Registry;

namespace Otel.Cli.Demo;

/// <summary>
/// The demo's last step, from a run to the registry (docs/registry.md, docs/governance.md): the best run's model
/// artifact becomes a version of <see cref="ModelName"/>, promoted to <see cref="Alias"/> through whatever gate that
/// alias has. A gate that refuses is reported, not an error: it is the registry doing its job.
/// </summary>
internal static class DemoRegistration
{
    public const string ModelName = "demo-logistic-regression";
    public const string Alias = "champion";
    private const string Artifact = "model.json";

    public static async Task<(ModelVersion Version, PromotionResult Promotion)> RegisterAndPromoteAsync(Uri endpoint, string runId, CancellationToken ct)
    {
        using var client = new TrackingApiClient(endpoint);
        var registered = TrackingApiClient.Read<ModelVersion>(await client.SendJsonAsync(HttpMethod.Post, ApiPaths.Model(ModelName, "/versions"),
            new ModelRegistration { RunId = runId, Artifact = Artifact, Description = "the demo sweep's best run by val_accuracy" }, ct));
        var promotion = TrackingApiClient.Read<PromotionResult>(await client.SendJsonAsync(HttpMethod.Post,
            ApiPaths.Model(ModelName, FormattableString.Invariant($"/versions/{registered.Version}/promotions")),
            new PromotionRequest { Alias = Alias }, ct, acceptStatus: HttpStatusCode.UnprocessableEntity));
        return (registered, promotion);
    }
}
