using System.CommandLine;
using System.Net;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query.Registry;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track models promote NAME VERSION --to ALIAS [--force] [--json]</c> → <c>{promoted, gates: [{gate, passed,
/// detail}]}</c>. Every verdict is printed; when a gate refuses, the alias does not move and the exit code is
/// <see cref="ExitCodes.GateRefused"/> (6). <c>--force</c> (admin only) moves it anyway, recorded as forced.
/// </summary>
internal static class ModelsPromoteCommand
{
    public static Command Create()
    {
        var name = ModelsCommand.Name();
        var version = ModelsCommand.Version();
        var alias = new Option<string>("--to") { Description = "The alias to move (e.g. production)", Required = true };
        var force = new Option<bool>("--force") { Description = "Move the alias even when a gate refuses (admin keys only); every verdict is still recorded" };
        return ReadCommand.Create("promote", "Promote a version to an alias through the alias's gate", [name, version, alias, force],
            (client, parse, ct) => client.SendJsonAsync(HttpMethod.Post,
                ApiPaths.Model(parse.GetRequiredValue(name), $"/versions/{parse.GetValue(version)}/promotions"),
                new PromotionRequest { Alias = parse.GetRequiredValue(alias), Force = parse.GetValue(force) }, ct, acceptStatus: HttpStatusCode.UnprocessableEntity),
            (console, json) => GovernanceTables.Promotion(console, TrackingApiClient.Read<PromotionResult>(json)),
            json => TrackingApiClient.Read<PromotionResult>(json).Promoted ? ExitCodes.Success : ExitCodes.GateRefused);
    }
}
