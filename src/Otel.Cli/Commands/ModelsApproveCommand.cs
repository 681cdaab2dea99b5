using System.CommandLine;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query.Registry;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track models approve NAME VERSION --for ALIAS [--comment TEXT] [--json]</c>: approves a version for an alias,
/// as the identity running it (the API key's name, or the OS user on loopback). The registrant cannot (four eyes).
/// </summary>
internal static class ModelsApproveCommand
{
    public static Command Create() => Decision("approve", "Approve a model version for an alias (counts towards its gate's --min-approvals)");

    /// <summary>approve and reject take the same arguments and differ only in the decision sent.</summary>
    internal static Command Decision(string decision, string description)
    {
        var name = ModelsCommand.Name();
        var version = ModelsCommand.Version();
        var alias = new Option<string>("--for") { Description = "The alias the decision is for (e.g. production)", Required = true };
        var comment = new Option<string?>("--comment") { Description = "Why: kept with the decision and in the audit log" };
        return ReadCommand.Create(decision, description, [name, version, alias, comment],
            (client, parse, ct) => client.SendJsonAsync(HttpMethod.Post,
                ApiPaths.Model(parse.GetRequiredValue(name), $"/versions/{parse.GetValue(version)}/approvals"),
                new ApprovalRequest { Alias = parse.GetRequiredValue(alias), Decision = decision, Comment = parse.GetValue(comment) }, ct),
            (console, json) => GovernanceTables.Decision(console, TrackingApiClient.Read<ApprovalRecord>(json)));
    }
}
