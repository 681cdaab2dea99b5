using System.CommandLine;
using System.Globalization;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query.Production;
using Otel.Tracking.Query.Registry;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track models show NAME [--version V] [--json]</c>: the model (versions, aliases now) or one version with what it
/// froze, and what it is doing in production now (<c>production</c>: the version's status, or the status of each version
/// serving traffic).
/// </summary>
internal static class ModelsShowCommand
{
    public static Command Create()
    {
        var name = ModelsCommand.Name();
        var version = new Option<long?>("--version") { Description = "Show this version: its run, artifact, params, metrics, datasets, who registered, approved, promoted and deployed it, the audit entries behind each, and what it does in production now" };
        return ReadCommand.Create("show", "Show a model, or one version of it, with what it does in production now", [name, version],
            async (client, parse, ct) =>
            {
                var model = parse.GetRequiredValue(name);
                if (parse.GetValue(version) is { } v)
                {
                    var shown = await client.GetJsonAsync(ApiPaths.Model(model, "/versions/" + v.ToString(CultureInfo.InvariantCulture)), ct);
                    return ProductionStatusClient.WithProduction(shown, await ProductionStatusClient.VersionAsync(client, model, v, ct));
                }

                var detail = await client.GetJsonAsync(ApiPaths.Model(model), ct);
                return ProductionStatusClient.WithProduction(detail, await ProductionStatusClient.ServingAsync(client, model, null, ct));
            },
            (console, json) =>
            {
                if (json.TryGetProperty("versions", out _))
                {
                    ModelTables.Model(console, ModelTables.Read<ModelDetail>(json));
                    GovernanceTables.Model(console, ModelTables.Read<ModelGovernance>(json));
                    ProductionTables.Serving(console, ModelTables.Read<List<VersionProduction>>(json.GetProperty("production")), ProductionStatusClient.Window);
                }
                else
                {
                    ModelTables.Version(console, ModelTables.Read<ModelVersion>(json));
                    ModelTables.VersionStory(console, json);
                    GovernanceTables.Model(console, ModelTables.Read<ModelGovernance>(json));
                    ProductionTables.Block(console, ModelTables.Read<VersionProduction>(json.GetProperty("production")));
                }
            });
    }
}
