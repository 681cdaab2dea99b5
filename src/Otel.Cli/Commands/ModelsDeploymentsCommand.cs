using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query.Production;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track models deployments [NAME] [--window 24h] [--json]</c>: where versions serve traffic, from serving
/// telemetry joined with the registry's recorded deployments, flagged where the link to a run is missing, with serving
/// cost over the window (docs/linkage-and-cost.md).
/// </summary>
internal static class ModelsDeploymentsCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("NAME") { Description = "Only this model (default: every model)", Arity = ArgumentArity.ZeroOrOne };
        var window = new Option<string?>("--window") { Description = "Window of serving cost, ending now: 15m, 24h, 7d (default 24h)" };
        return ReadCommand.Create("deployments", "Where versions serve traffic: seen in telemetry and recorded, with their link to a run and serving cost", [name, window],
            (client, parse, ct) =>
            {
                var query = new List<string>();
                if (parse.GetValue(name) is { Length: > 0 } model) { query.Add("model=" + Uri.EscapeDataString(model)); }
                if (parse.GetValue(window) is { Length: > 0 } text) { query.Add("window=" + Uri.EscapeDataString(text)); }
                return client.GetJsonAsync("api/production/deployments" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty), ct);
            },
            (console, json) => DeploymentTables.List(console, TrackingApiClient.Read<List<ProductionDeployment>>(json)));
    }
}
