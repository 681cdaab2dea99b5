using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query.Registry;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track models deploy NAME VERSION --environment ENV [--json]</c>: records that the version was deployed to an
/// environment (source <c>api</c>); it appears in the model's deployment history and is announced to the webhook.
/// </summary>
internal static class ModelsDeployCommand
{
    public static Command Create()
    {
        var name = ModelsCommand.Name();
        var version = ModelsCommand.Version();
        var environment = new Option<string>("--environment") { Description = "Where it was deployed (e.g. production, eu-west-1)", Required = true };
        return ReadCommand.Create("deploy", "Record a deployment of a version to an environment", [name, version, environment],
            (client, parse, ct) => client.SendJsonAsync(HttpMethod.Post,
                ApiPaths.Model(parse.GetRequiredValue(name), $"/versions/{parse.GetValue(version)}/deployments"),
                new DeploymentRequest { Environment = parse.GetRequiredValue(environment) }, ct),
            (console, json) => GovernanceTables.Deployment(console, TrackingApiClient.Read<DeploymentRecord>(json)));
    }
}
