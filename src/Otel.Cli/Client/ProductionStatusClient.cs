using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Production;

namespace Otel.Cli.Client;

/// <summary>
/// Production status for <c>models show</c> and <c>runs show</c>: one version's
/// (<c>GET /api/models/NAME/versions/V/production</c>), or that of every registered version serving traffic now,
/// found through <c>/api/production/deployments</c>. The answer goes into the command's JSON as <c>production</c>.
/// </summary>
internal static class ProductionStatusClient
{
    /// <summary>The window "now" means: an hour, the status route's default.</summary>
    public const string Window = "1h";

    public static Task<JsonElement> VersionAsync(TrackingApiClient client, string model, long version, CancellationToken ct) =>
        client.GetJsonAsync(ApiPaths.Model(model, "/versions/" + version.ToString(CultureInfo.InvariantCulture) + "/production?window=" + Window), ct);

    /// <summary>
    /// The status of every registered version that answered requests in the last <see cref="Window"/>, of
    /// <paramref name="model"/> or of every model, and of <paramref name="runId"/>'s versions only when given.
    /// </summary>
    public static async Task<JsonArray> ServingAsync(TrackingApiClient client, string? model, string? runId, CancellationToken ct)
    {
        var path = "api/production/deployments?window=" + Window + (model is null ? string.Empty : "&model=" + Uri.EscapeDataString(model));
        var deployments = TrackingApiClient.Read<List<ProductionDeployment>>(await client.GetJsonAsync(path, ct));
        var serving = deployments
            .Where(d => d.Registered && d.Requests > 0 && (runId is null || d.RunId == runId))
            .Select(d => (d.Model, Version: long.Parse(d.Version, NumberStyles.None, CultureInfo.InvariantCulture)))
            .Distinct()
            .Order();
        var statuses = new JsonArray();
        foreach (var (name, version) in serving)
        {
            statuses.Add(JsonNode.Parse((await VersionAsync(client, name, version, ct)).GetRawText()));
        }

        return statuses;
    }

    /// <summary><paramref name="json"/> (an object) with <c>production</c> set to <paramref name="production"/>.</summary>
    public static JsonElement WithProduction(JsonElement json, JsonNode production)
    {
        var answer = JsonNode.Parse(json.GetRawText())!.AsObject();
        answer["production"] = production;
        return JsonSerializer.SerializeToElement(answer, QueryJson.Options);
    }

    public static JsonElement WithProduction(JsonElement json, JsonElement production) =>
        WithProduction(json, JsonNode.Parse(production.GetRawText())!);
}
